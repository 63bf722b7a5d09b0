package dz.zst.domain.shared;

/**
 * A write is stored, but a read model could not fold it: the event was set aside as a dead letter
 * for the operators. Answered with 503 at once (instead of letting the writer wait for a fold that
 * will not come) and a message saying the write is kept: repeating it would write it twice.
 */
public class ReadModelBehindException extends DomainException {

    private final ReadModel readModel;

    public ReadModelBehindException(ReadModel readModel) {
        super("Your change was saved, but the " + readModel.processingGroup() + " view could not show it yet: "
                + "it has been set aside for the operators and will appear once they have dealt with it. "
                + "Do not repeat the request.");
        this.readModel = readModel;
    }

    public ReadModel readModel() {
        return readModel;
    }
}

package dz.zst.domain.shared;

/**
 * A write is stored, but a read model could not fold it: the event was set aside as a dead letter
 * for the operators, or ({@link #notYet}) it did not fold it within the wait. Answered with 503 at once (instead of letting the writer wait for a fold that
 * will not come) and a message saying the write is kept: repeating it would write it twice.
 */
public class ReadModelBehindException extends DomainException {

    private final ReadModel readModel;

    public ReadModelBehindException(ReadModel readModel) {
        this(readModel, "Your change was saved, but the " + readModel.processingGroup() + " view could not show it yet: "
                + "it has been set aside for the operators and will appear once they have dealt with it. "
                + "Do not repeat the request.");
    }

    private ReadModelBehindException(ReadModel readModel, String message) {
        super(message);
        this.readModel = readModel;
    }

    /**
     * The read model did not fold the write within the wait (a node taking over a killed node's
     * segments, a database recovering): answering from it now would show the view without the write,
     * or a 404 for what was just created.
     */
    public static ReadModelBehindException notYet(ReadModel readModel) {
        return new ReadModelBehindException(readModel, "Your change was saved, but the " + readModel.processingGroup()
                + " view has not caught up with it yet; it will show it shortly. Do not repeat the request.");
    }

    public ReadModel readModel() {
        return readModel;
    }
}

package dz.zst.domain.shared;

/**
 * Changes a read model's generation (or one row's), so every node's cache drops what it built
 * before ({@link ReadModel#generationKey()}). One implementation for the whole platform, whichever
 * module bumps: a bump that cannot reach the store now is never dropped, it is kept and made as soon
 * as the store answers again (a lost bump would let a cache serve rows older than a write that was
 * answered).
 */
public interface GenerationBumps {

    /** Bumps the read model's generation now, or as soon as possible; never throws. */
    default void bump(ReadModel readModel) {
        bump(readModel.generationKey());
    }

    /** Gives one row a generation never used before, now or as soon as possible; never throws. */
    default void bumpRow(ReadModel readModel, Object rowId) {
        bumpRow(readModel.generationKey(rowId));
    }

    /**
     * Bumps the counter at {@code generationKey}: a generation kept outside {@link ReadModel} (a read
     * model no write waits for, such as the sellers' dashboard).
     */
    void bump(String generationKey);

    /**
     * Sets {@code rowGenerationKey} to a value never used before, kept {@link ReadModel#ROW_GENERATION_TTL}:
     * a row's generation kept outside {@link ReadModel}.
     */
    void bumpRow(String rowGenerationKey);
}

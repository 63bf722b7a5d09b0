package dz.zst.domain.shared;

/** A validated page request: page ≥ 1, 1 ≤ limit ≤ max. */
public record PageRequest(int page, int limit) {
    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page must not be less than 1");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must not be less than 1");
        }
    }

    /** A long: page × limit of any int page must not wrap around. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}

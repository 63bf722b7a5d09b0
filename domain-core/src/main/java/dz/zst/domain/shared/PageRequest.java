package dz.zst.domain.shared;

/** A validated page request: page ≥ 1, limit ≥ 1 (and ≤ {@value #MAX_LIMIT} through {@link #of}). */
public record PageRequest(int page, int limit) {

    /** API.md §1: a list's limit is at most 100 unless its section says otherwise. */
    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (page < 1) {
            throw new IllegalArgumentException("page must not be less than 1");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must not be less than 1");
        }
    }

    /** A page of a list under the contract's default limit bound. */
    public static PageRequest of(int page, int limit) {
        if (limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must not be greater than " + MAX_LIMIT);
        }
        return new PageRequest(page, limit);
    }

    /** A long: page × limit of any int page must not wrap around. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}

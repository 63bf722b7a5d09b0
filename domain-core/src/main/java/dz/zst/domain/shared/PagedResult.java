package dz.zst.domain.shared;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The contract's paged list body: {data, meta:{page, limit, total, totalPages}}. */
public record PagedResult<T>(List<T> data, Meta meta) {

    public record Meta(int page, int limit, long total, @JsonProperty("totalPages") long totalPages) {
    }

    public static <T> PagedResult<T> of(List<T> data, PageRequest request, long total) {
        long pages = total == 0 ? 0 : (total + request.limit() - 1) / request.limit();
        return new PagedResult<>(data, new Meta(request.page(), request.limit(), total, pages));
    }
}

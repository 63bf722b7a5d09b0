package dz.zst.app.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One processing group as ops sees it (field names go out in snake_case). */
public record ProjectionStatus(
        String name,
        String status,
        List<SegmentStatus> segments,
        long position,
        long head,
        long lag,
        boolean replaying,
        long deadLetters) {

    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String REPLAYING = "replaying";
    public static final String ERROR = "error";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SegmentStatus(int segment, long position, boolean caughtUp, boolean replaying, String owner,
                                String error) {
    }
}

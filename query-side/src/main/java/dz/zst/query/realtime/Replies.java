package dz.zst.query.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The gateway's answers to client events, with the camelCase keys of API.md §11 (the earlier
 * backend's names, which the app reads) whatever the API's snake_case naming.
 */
final class Replies {
    private Replies() {
    }

    record ReelJoined(@JsonProperty("reelId") String reelId, @JsonProperty("roomName") String roomName) {
    }

    record ReelLeft(@JsonProperty("reelId") String reelId) {
    }

    record OrderSubscribed(@JsonProperty("orderId") String orderId, @JsonProperty("roomName") String roomName) {
    }

    record OrderUnsubscribed(@JsonProperty("orderId") String orderId) {
    }

    record SellerSubscribed(@JsonProperty("sellerId") String sellerId, @JsonProperty("roomName") String roomName) {
    }

    record OfferJoined(@JsonProperty("offerId") String offerId, @JsonProperty("roomName") String roomName) {
    }

    record OfferLeft(@JsonProperty("offerId") String offerId) {
    }

    record Pong(@JsonProperty("timestamp") Instant timestamp) {
    }

    record Failure(@JsonProperty("message") String message) {
    }
}

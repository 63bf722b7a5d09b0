package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.ProjectionReplays;
import dz.zst.app.support.TestUsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ops rebuild the freelance read model from the event store: services, their figures, orders with
 * their reviews and portfolios come back row for row, and the routes answer the same bodies.
 */
class FreelanceReplayApiTest extends ApiTestBase {

    @Autowired
    private JdbcClient jdbc;

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                SELECT 's' AS t, id::text, slug || title || search_text || category || price_basic || details::text
                       || coalesce(cover_image_url, '') || coalesce(video_url, '') || deleted AS v,
                       created_at, updated_at, position FROM freelance_services
                UNION ALL
                SELECT 'st', service_id::text, orders_count || '/' || reviews_count || '/' || rating_sum, NULL, NULL,
                       NULL FROM freelance_service_stats
                UNION ALL
                SELECT 'o', id::text, status || amount || coalesce(rating::text, '') || coalesce(review, '')
                       || delivery_files::text || coalesce(revision_reason, '') || coalesce(cancellation_reason, '')
                       || due_date || coalesce(delivered_at::text, '') || coalesce(completed_at::text, ''),
                       created_at, updated_at, position FROM freelance_orders
                UNION ALL
                SELECT 'p', id::text, type || media_url || coalesce(thumbnail_url, '') || display_order || removed,
                       created_at, updated_at, position FROM freelance_portfolio
                ORDER BY 1, 2""").query().listOfRows();
    }

    @Test
    void rebuildGivesTheSameRowsAndAnswersAsBefore() throws Exception {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("replay");
        String client = kit.client("replay-client");
        String admin = TestUsers.admin(baseUrl());
        String serviceId = kit.createService(freelancer, FreelanceKit.service("Rejeu " + kit.run, "consulting", 800))
                .get("id").asText();
        String gone = kit.createService(freelancer, FreelanceKit.service("Supprimé " + kit.run, "other", 10))
                .get("id").asText();
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + serviceId), freelancer, Map.of("price_basic", 900)),
                200);
        String reviewed = kit.completed(freelancer, client, serviceId).get("id").asText();
        expect(ApiCalls.post(kit.url("/freelance/orders/" + reviewed + "/review"), client,
                Map.of("rating", 3, "review", "Correct")), 201);
        String cancelled = kit.order(client, serviceId, "premium").get("id").asText();
        expect(kit.clientMove(client, cancelled, "cancelled"), 200);
        kit.order(client, gone, "basic");
        expect(ApiCalls.delete(kit.url("/freelancer/services/" + gone), freelancer), 200);

        List<Map<String, Object>> before = rows();
        String serviceBefore = ApiCalls.get(kit.url("/freelance/services/" + serviceId), null).raw();
        String ordersBefore = ApiCalls.get(kit.url("/freelance/orders/my-orders"), client).raw();
        String reviewsBefore = ApiCalls.get(kit.url("/freelance/services/" + serviceId + "/reviews"), null).raw();
        jdbc.sql("UPDATE freelance_service_stats SET orders_count = 0").update();
        jdbc.sql("UPDATE freelance_orders SET status = 'damaged'").update();
        assertThat(rows()).isNotEqualTo(before);

        ProjectionReplays.replay(baseUrl(), admin, "freelance");
        ProjectionReplays.awaitRebuilt(baseUrl(), admin, "freelance", this::rows, before, () ->
                assertThat(ApiCalls.get(kit.url("/freelance/services?limit=1"), null).status()).isEqualTo(200));
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + serviceId), null).raw()).isEqualTo(serviceBefore);
        assertThat(ApiCalls.get(kit.url("/freelance/orders/my-orders"), client).raw()).isEqualTo(ordersBefore);
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + serviceId + "/reviews"), null).raw())
                .isEqualTo(reviewsBefore);
    }
}

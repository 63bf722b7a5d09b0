package dz.zst.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The freelance part of the demo (API.md §10): two freelancers with services in several
 * categories, a portfolio each, and the demo customer's orders in several states, one of them
 * completed and reviewed. Like the rest of the seeding it looks in the read model for what exists
 * first (a service by freelancer and title, a portfolio by freelancer, an order by its client and
 * requirements, then its status), so an interrupted step goes on without making anything twice.
 */
final class DemoFreelance {

    record DemoFreelancer(String email, String fullName, String wilaya, String bio) {
    }

    record DemoService(String freelancerEmail, String title, String category, int basicPrice, int days,
                       List<String> tags) {
    }

    /** A demo order: its requirements name it; {@code status} is where the seeding takes it. */
    record DemoOrder(String requirements, int service, String tier, String status) {
    }

    static final List<DemoFreelancer> FREELANCERS = List.of(
            new DemoFreelancer("freelance@zst.demo", "Amina Graphiste", "Alger",
                    "Graphiste et photographe : identités visuelles, affiches et shootings produits."),
            new DemoFreelancer("freelance2@zst.demo", "Karim Développeur", "Oran",
                    "Développeur web et mobile, traducteur arabe-français à ses heures."));

    static final List<DemoService> SERVICES = List.of(
            new DemoService("freelance@zst.demo", "Création de logo professionnel", "design", 5000, 3,
                    List.of("logo", "identité visuelle")),
            new DemoService("freelance@zst.demo", "Shooting photo de vos produits", "photography", 12000, 5,
                    List.of("photo", "e-commerce")),
            new DemoService("freelance@zst.demo", "Montage vidéo pour vos reels", "video", 7000, 4,
                    List.of("reels", "montage")),
            new DemoService("freelance2@zst.demo", "Site vitrine pour votre boutique", "development", 45000, 14,
                    List.of("site web", "boutique")),
            new DemoService("freelance2@zst.demo", "Traduction arabe-français", "translation", 2500, 2,
                    List.of("traduction", "arabe")));

    static final List<DemoOrder> ORDERS = List.of(
            new DemoOrder("Démo 1 : un logo pour la Boutique Yasmine, tons or et noir.", 0, "standard", "completed"),
            new DemoOrder("Démo 2 : dix photos de parfums sur fond blanc.", 1, "basic", "delivered"),
            new DemoOrder("Démo 3 : un site vitrine avec catalogue.", 3, "premium", "in_progress"),
            new DemoOrder("Démo 4 : traduire nos fiches produits.", 4, "basic", "accepted"),
            new DemoOrder("Démo 5 : un reel de 30 secondes.", 2, "basic", "pending"),
            new DemoOrder("Démo 6 : une carte de visite.", 0, "basic", "cancelled"));

    private final JdbcClient jdbc;
    private final RestClient api;

    DemoFreelance(JdbcClient jdbc, RestClient api) {
        this.jdbc = jdbc;
        this.api = api;
    }

    void seed(String customer, Map<String, String> freelancers) {
        for (DemoFreelancer freelancer : FREELANCERS) {
            becomeFreelancer(freelancers.get(freelancer.email()), freelancer);
        }
        List<String> services = SERVICES.stream().map(service -> ensureService(
                freelancers.get(service.freelancerEmail()), service)).toList();
        for (int i = 0; i < FREELANCERS.size(); i++) {
            ensurePortfolio(freelancers.get(FREELANCERS.get(i).email()), FREELANCERS.get(i), i);
        }
        for (DemoOrder order : ORDERS) {
            DemoService service = SERVICES.get(order.service());
            advance(customer, freelancers.get(service.freelancerEmail()), ensureOrder(customer,
                    services.get(order.service()), order), order.status());
        }
    }

    private void becomeFreelancer(String token, DemoFreelancer freelancer) {
        boolean already = jdbc.sql("SELECT count(*) FROM users WHERE email = ? AND role = 'freelancer'")
                .param(freelancer.email()).query(Long.class).single() > 0;
        if (!already) {
            post("/api/v1/auth/sync-role", token, Map.of("role", "freelancer"));
        }
        api.patch().uri("/api/v1/auth/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("full_name", freelancer.fullName(), "wilaya", freelancer.wilaya(), "bio",
                        freelancer.bio())).retrieve().toBodilessEntity();
    }

    private String ensureService(String token, DemoService service) {
        Optional<String> existing = jdbc.sql("""
                        SELECT s.id FROM freelance_services s JOIN users u ON u.id = s.freelancer_id
                        WHERE u.email = ? AND s.title = ? AND NOT s.deleted ORDER BY s.created_at LIMIT 1""")
                .params(service.freelancerEmail(), service.title()).query(String.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", service.title());
        body.put("description", service.title() + ", livré dans les délais, retouches comprises.");
        body.put("category", service.category());
        body.put("tags", service.tags());
        body.put("price_basic", service.basicPrice());
        body.put("basic_description", "L'essentiel");
        body.put("basic_delivery_days", service.days());
        body.put("price_standard", service.basicPrice() * 2);
        body.put("standard_description", "Plus complet, deux révisions");
        body.put("standard_delivery_days", service.days() + 2);
        body.put("price_premium", service.basicPrice() * 4);
        body.put("premium_description", "Tout compris, révisions illimitées");
        body.put("premium_delivery_days", service.days() * 2 + 3);
        return post("/api/v1/freelancer/services", token, body).get("id").asText();
    }

    private void ensurePortfolio(String token, DemoFreelancer freelancer, int index) {
        boolean has = jdbc.sql("""
                        SELECT count(*) FROM freelance_portfolio p JOIN users u ON u.id = p.freelancer_id
                        WHERE u.email = ? AND NOT p.removed""").param(freelancer.email()).query(Long.class).single() > 0;
        if (has) {
            return;
        }
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(DemoData.picture(freelancer.fullName(), 40 + index)) {
            @Override
            public String getFilename() {
                return "portfolio-" + index + ".png";
            }
        });
        form.add("type", "image");
        form.add("title", "Réalisation de " + freelancer.fullName());
        form.add("display_order", "0");
        api.post().uri("/api/v1/freelancer/portfolio").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
    }

    private record Placed(String id, String status, boolean reviewed) {
    }

    private Placed ensureOrder(String customer, String serviceId, DemoOrder order) {
        Optional<Placed> existing = placed(order);
        if (existing.isPresent()) {
            return existing.get();
        }
        post("/api/v1/freelance/orders", customer, Map.of("service_id", serviceId, "pricing_tier", order.tier(),
                "requirements", order.requirements()));
        return placed(order).orElseThrow();
    }

    private Optional<Placed> placed(DemoOrder order) {
        return jdbc.sql("""
                        SELECT o.id, o.status, o.rating IS NOT NULL AS reviewed FROM freelance_orders o
                        JOIN users c ON c.id = o.client_id WHERE c.email = ? AND o.requirements = ? LIMIT 1""")
                .params(DemoCatalog.CUSTOMER, order.requirements())
                .query((rs, row) -> new Placed(rs.getString(1), rs.getString(2), rs.getBoolean(3))).optional();
    }

    /** Takes the order from where it is to {@code target} along the moves of API.md §10. */
    private void advance(String customer, String freelancer, Placed order, String target) {
        List<String> path = target.equals("cancelled") ? List.of("pending", "cancelled")
                : List.of("pending", "accepted", "in_progress", "delivered", "completed");
        int from = path.indexOf(order.status());
        int to = path.indexOf(target);
        for (int step = from + 1; step <= to; step++) {
            String status = path.get(step);
            switch (status) {
                case "accepted", "in_progress" -> patch("/api/v1/freelancer/orders/" + order.id() + "/status",
                        freelancer, Map.of("status", status));
                case "delivered" -> deliver(freelancer, order.id());
                case "completed", "cancelled" -> patch("/api/v1/freelance/orders/" + order.id() + "/status",
                        customer, Map.of("status", status));
                default -> throw new IllegalStateException(status);
            }
        }
        if (target.equals("completed") && !order.reviewed()) {
            post("/api/v1/freelance/orders/" + order.id() + "/review", customer,
                    Map.of("rating", 5, "review", "Travail soigné et rapide, je recommande !"));
        }
    }

    private void deliver(String freelancer, String orderId) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("files", new ByteArrayResource(DemoData.picture("Livraison", 60)) {
            @Override
            public String getFilename() {
                return "livraison.png";
            }
        });
        form.add("message", "Voici le travail, n'hésitez pas à demander une retouche.");
        api.post().uri("/api/v1/freelancer/orders/{id}/deliver", orderId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + freelancer)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
    }

    private JsonNode post(String path, String token, Object body) {
        return api.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    private void patch(String path, String token, Object body) {
        api.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }
}

package dz.zst.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.demo.DemoCatalog.DemoProduct;
import dz.zst.app.demo.DemoCatalog.DemoSeller;
import dz.zst.app.ops.NodeReadiness;
import dz.zst.app.security.DevAuthController;
import dz.zst.domain.messages.ConversationId;
import dz.zst.domain.messages.Subject;
import dz.zst.domain.messages.SubjectType;
import dz.zst.domain.shared.UserId;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Demo data on the embedded default: an admin, a customer, sellers of every tier and about fifty
 * products with images, a first order history, reels, B2B offers, and freelancers with services,
 * portfolios and orders ({@link DemoFreelance}). It goes through the platform's own HTTP
 * API, as a user would, so every demo fact is a command, an event in the event store and a row in
 * the read models.
 *
 * <p>It runs until it has completed once, in steps recorded in {@code demo_seeding}; within a step
 * it first looks in the read models for what is already there (a product by seller and name, its
 * image, the customer's orders and their status, each reel, the like, the comment), so a seeding
 * interrupted by a crash or a stop goes on at the next start without making anything twice. While
 * it is not complete, the node reports "starting" ({@link NodeReadiness}), and the demo accounts are
 * reserved before the HTTP port opens: each start gives them the demo password, so signing in with
 * a demo email meanwhile cannot create it with another password (nor can an earlier such sign-in
 * keep the seeding out). Once complete, nothing here touches those accounts again.
 */
@Component
@ConditionalOnProperty(name = "zst.demo-data.enabled", havingValue = "true")
public class DemoData implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    static final String TASK = "demo-data";
    static final List<String> STEPS = List.of("accounts", "products", "orders", "reels", "b2b", "freelance", "messages");
    static final String CAPTION = "Découvrez ce produit en vidéo";

    private final JdbcClient jdbc;
    private final ObjectProvider<DevAuthController> devAuth;
    private final NodeReadiness readiness;

    public DemoData(JdbcClient jdbc, ObjectProvider<DevAuthController> devAuth, NodeReadiness readiness) {
        this.jdbc = jdbc;
        this.devAuth = devAuth;
        this.readiness = readiness;
    }

    /** Before the web server starts: nobody can sign in with a demo email before it is reserved. */
    @Override
    public void afterSingletonsInstantiated() {
        if (!complete()) {
            reserveAccounts();
            readiness.hold(TASK);
        }
    }

    @EventListener
    public void onReady(ApplicationReadyEvent ready) {
        if (!readiness.holds(TASK)) {
            return;
        }
        if (!(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            readiness.release(TASK);
            return;
        }
        String base = "http://127.0.0.1:" + web.getWebServer().getPort();
        Thread seeding = new Thread(() -> {
            try {
                // The steps look in the read models for what exists: they must reflect the event store first.
                if (readiness.awaitCaughtUp(10, TimeUnit.MINUTES)) {
                    seed(RestClient.builder().baseUrl(base).build());
                } else {
                    log.warn("Demo data not seeded: the read models did not catch up within 10 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // Seeded or not, the node serves: a seeding that failed goes on at the next start.
                readiness.release(TASK);
            }
        }, "demo-data");
        seeding.setDaemon(true);
        seeding.start();
    }

    boolean complete() {
        return jdbc.sql("SELECT count(*) FROM demo_seeding WHERE step IN (:steps)").param("steps", STEPS)
                .query(Long.class).single() == STEPS.size();
    }

    void reserveAccounts() {
        devAuth.ifAvailable(auth -> {
            auth.reserve(DemoCatalog.ADMIN, DemoCatalog.PASSWORD);
            auth.reserve(DemoCatalog.CUSTOMER, DemoCatalog.PASSWORD);
            DemoCatalog.SELLERS.forEach(seller -> auth.reserve(seller.email(), DemoCatalog.PASSWORD));
            DemoFreelance.FREELANCERS.forEach(freelancer -> auth.reserve(freelancer.email(), DemoCatalog.PASSWORD));
        });
    }

    void seed(RestClient api) {
        try {
            long started = System.nanoTime();
            reserveAccounts();
            signIn(api, DemoCatalog.ADMIN);
            String customer = signIn(api, DemoCatalog.CUSTOMER);
            Map<String, String> sellers = new HashMap<>();
            for (DemoSeller seller : DemoCatalog.SELLERS) {
                sellers.put(seller.email(), signIn(api, seller.email()));
            }
            if (!done("accounts")) {
                for (DemoSeller seller : DemoCatalog.SELLERS) {
                    becomeSeller(api, sellers.get(seller.email()), seller);
                }
                markDone("accounts");
            }
            boolean productsDone = done("products");
            int index = 0;
            Map<String, String> retail = new LinkedHashMap<>();
            for (DemoProduct product : DemoCatalog.PRODUCTS) {
                String id = productsDone ? existingProduct(product).orElseThrow().id()
                        : ensureProduct(api, sellers.get(product.sellerEmail()), product, index);
                index++;
                if (product.sellerEmail().startsWith("fournisseur")) {
                    retail.putIfAbsent(product.sellerEmail(), id);
                }
            }
            markDone("products");
            if (!done("orders")) {
                seedOrders(api, customer, sellers, retail);
                markDone("orders");
            }
            if (!done("reels")) {
                seedReels(api, customer, sellers, retail);
                markDone("reels");
            }
            if (!done("b2b")) {
                seedOffers(api, sellers);
                markDone("b2b");
            }
            if (!done("freelance")) {
                Map<String, String> freelancers = new HashMap<>();
                for (DemoFreelance.DemoFreelancer freelancer : DemoFreelance.FREELANCERS) {
                    freelancers.put(freelancer.email(), signIn(api, freelancer.email()));
                }
                new DemoFreelance(jdbc, api).seed(customer, freelancers);
                markDone("freelance");
            }
            if (!done("messages")) {
                seedConversations(api, customer, sellers, retail);
                markDone("messages");
            }
            log.info("Demo data seeded in {} ms: {} sellers, {} products, demo orders and reels (password of every demo account: {})",
                    (System.nanoTime() - started) / 1_000_000, sellers.size(), DemoCatalog.PRODUCTS.size(),
                    DemoCatalog.PASSWORD);
        } catch (RuntimeException e) {
            log.warn("Demo data could not be seeded completely; the next start goes on from where it stopped", e);
        }
    }

    private boolean done(String step) {
        return jdbc.sql("SELECT count(*) FROM demo_seeding WHERE step = ?").param(step).query(Long.class).single() > 0;
    }

    private void markDone(String step) {
        jdbc.sql("INSERT INTO demo_seeding (step) VALUES (?) ON CONFLICT (step) DO NOTHING").param(step).update();
    }

    private static String signIn(RestClient api, String email) {
        JsonNode response = api.post().uri("/api/v1/dev-auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", DemoCatalog.PASSWORD)).retrieve().body(JsonNode.class);
        return response.get("access_token").asText();
    }

    private void becomeSeller(RestClient api, String token, DemoSeller seller) {
        boolean already = jdbc.sql("SELECT count(*) FROM users WHERE email = ? AND role = 'seller' AND seller_category = ?")
                .params(seller.email(), seller.tier()).query(Long.class).single() > 0;
        if (!already) {
            api.post().uri("/api/v1/auth/sync-role").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("role", "seller", "seller_category", seller.tier())).retrieve().toBodilessEntity();
        }
        api.patch().uri("/api/v1/auth/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("full_name", seller.fullName(), "wilaya", seller.wilaya())).retrieve().toBodilessEntity();
    }

    private record Existing(String id, int images) {
    }

    private Optional<Existing> existingProduct(DemoProduct product) {
        return jdbc.sql("""
                        SELECT p.id, jsonb_array_length(p.images) AS images FROM products p JOIN users u ON u.id = p.seller_id
                        WHERE u.email = ? AND p.name = ? AND NOT p.deleted ORDER BY p.created_at LIMIT 1""")
                .params(product.sellerEmail(), product.name())
                .query((rs, row) -> new Existing(rs.getString("id"), rs.getInt("images"))).optional();
    }

    private String ensureProduct(RestClient api, String token, DemoProduct product, int index) {
        Optional<Existing> existing = existingProduct(product);
        String id = existing.map(Existing::id).orElseGet(() -> createProduct(api, token, product, index));
        if (existing.map(Existing::images).orElse(0) == 0) {
            uploadPicture(api, token, id, product, index);
        }
        return id;
    }

    private record PlacedOrder(String id, String status, String sellerEmail) {
    }

    private List<PlacedOrder> customerOrders() {
        return jdbc.sql("""
                        SELECT o.id, o.status, s.email FROM orders o JOIN users c ON c.id = o.user_id
                        JOIN users s ON s.id = o.seller_id WHERE c.email = ? ORDER BY o.created_at, o.id""")
                .param(DemoCatalog.CUSTOMER)
                .query((rs, row) -> new PlacedOrder(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /**
     * A first order history for the demo customer: one checkout across both retail sellers (so two
     * orders), one of which the seller has confirmed and shipped.
     */
    private void seedOrders(RestClient api, String customer, Map<String, String> sellers,
                            Map<String, String> productBySeller) {
        if (customerOrders().isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("customer_name", "Client Démo");
            body.put("customer_phone", "0555000000");
            body.put("shipping_address", "1 place des Martyrs, Alger Centre");
            body.put("customer_wilaya", "Alger");
            body.put("payment_method", "cod");
            body.put("items", productBySeller.values().stream().map(id -> Map.of("product_id", id, "quantity", 1)).toList());
            api.post().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
        }
        List<PlacedOrder> orders = customerOrders();
        PlacedOrder shipping = orders.stream().filter(order -> !order.status().equals("pending")).findFirst()
                .orElse(orders.get(0));
        List<Map<String, String>> moves = List.of(Map.of("status", "confirmed"), Map.of("status", "processing"),
                Map.of("status", "shipped", "tracking_number", "YAL-DEMO-0001"));
        boolean reached = shipping.status().equals("pending");
        for (Map<String, String> move : moves) {
            if (reached) {
                api.patch().uri("/api/v1/seller/orders/{id}/status", shipping.id())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + sellers.get(shipping.sellerEmail()))
                        .contentType(MediaType.APPLICATION_JSON).body(move).retrieve().toBodilessEntity();
            }
            reached = reached || move.get("status").equals(shipping.status());
        }
    }

    /** Public sample clips (Google's test videos) so the demo feed plays; a real reel is uploaded first. */
    private static final List<String> DEMO_VIDEOS = List.of(
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerBlazes.mp4",
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerEscapes.mp4",
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerFun.mp4");

    /** A reel for each retail seller's first product; the demo customer likes and comments the first. */
    private void seedReels(RestClient api, String customer, Map<String, String> sellers,
                           Map<String, String> productBySeller) {
        String first = null;
        int index = 0;
        for (Map.Entry<String, String> entry : productBySeller.entrySet()) {
            Optional<String> existing = jdbc.sql("""
                            SELECT id FROM reels WHERE product_id = ?::uuid AND caption = ? AND NOT deleted
                            ORDER BY created_at LIMIT 1""")
                    .params(entry.getValue(), CAPTION).query(String.class).optional();
            int video = index;
            String reel = existing.orElseGet(() -> createReel(api, sellers.get(entry.getKey()), entry.getValue(), video));
            first = first == null ? reel : first;
            index++;
        }
        if (first == null) {
            return;
        }
        String customerId = jdbc.sql("SELECT id FROM users WHERE email = ?").param(DemoCatalog.CUSTOMER)
                .query(String.class).single();
        boolean liked = jdbc.sql("SELECT count(*) FROM reel_likes WHERE reel_id = ?::uuid AND user_id = ?::uuid AND liked")
                .params(first, customerId).query(Long.class).single() > 0;
        if (!liked) {
            api.post().uri("/api/v1/reels/{id}/like", first).header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                    .retrieve().toBodilessEntity();
        }
        boolean commented = jdbc.sql("SELECT count(*) FROM reel_comments WHERE reel_id = ?::uuid AND user_id = ?::uuid AND NOT deleted")
                .params(first, customerId).query(Long.class).single() > 0;
        if (!commented) {
            api.post().uri("/api/v1/reels/{id}/comments", first).header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("content", "Très beau produit !"))
                    .retrieve().toBodilessEntity();
        }
    }

    /** A B2B offer of the demo: who offers, to which tier, and when an auction ends after seeding. */
    private record DemoOffer(String sellerEmail, String title, String type, String target, int basePrice,
                             int minQuantity, int availableQuantity, Duration endsIn, String bidderEmail) {
    }

    private static final List<DemoOffer> DEMO_OFFERS = List.of(
            new DemoOffer("importateur@zst.demo", "Lot de 2 000 coques de téléphone", "auction", "grossiste", 150, 200,
                    2_000, Duration.ofMinutes(5), "grossiste@zst.demo"),
            new DemoOffer("importateur@zst.demo", "Conteneur d'huile d'olive (bidons de 5 L)", "negotiable", "grossiste",
                    2_400, 50, 800, Duration.ofDays(7), "grossiste@zst.demo"),
            new DemoOffer("grossiste@zst.demo", "Cartons de 24 parfums d'intérieur", "negotiable", "fournisseur", 900,
                    24, 480, null, "fournisseur@zst.demo"),
            new DemoOffer("grossiste@zst.demo", "Palette de 300 sacs à main", "auction", "fournisseur", 1_800, 10, 300,
                    Duration.ofDays(2), null));

    /**
     * B2B offers between the demo tiers: an auction that ends five minutes after seeding (so a new
     * user sees one close), a longer one, and negotiable lots, with a bid or a negotiation on some.
     */
    private void seedOffers(RestClient api, Map<String, String> sellers) {
        for (DemoOffer offer : DEMO_OFFERS) {
            String sellerId = jdbc.sql("SELECT id FROM users WHERE email = ?").param(offer.sellerEmail())
                    .query(String.class).single();
            Optional<String> existing = jdbc.sql("SELECT id::text FROM b2b_offers WHERE seller_id = ?::uuid AND title = ?")
                    .params(sellerId, offer.title()).query(String.class).optional();
            if (existing.isPresent()) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", offer.title());
            body.put("description", offer.title() + ", prix unitaire en DZD, livraison depuis "
                    + DemoCatalog.SELLERS.stream().filter(s -> s.email().equals(offer.sellerEmail())).findFirst()
                            .orElseThrow().wilaya() + ".");
            body.put("base_price", offer.basePrice());
            body.put("min_quantity", offer.minQuantity());
            body.put("available_quantity", offer.availableQuantity());
            body.put("offer_type", offer.type());
            body.put("target_category", offer.target());
            if (offer.endsIn() != null) {
                Instant now = Instant.now();
                body.put("starts_at", now.toString());
                body.put("ends_at", now.plus(offer.endsIn()).toString());
            }
            String id = api.post().uri("/api/v1/b2b/offers")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + sellers.get(offer.sellerEmail()))
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class)
                    .get("id").asText();
            if (offer.bidderEmail() != null) {
                boolean auction = offer.type().equals("auction");
                api.post().uri("/api/v1/b2b/offers/{id}/respond", id)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + sellers.get(offer.bidderEmail()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("response_type", auction ? "bid" : "negotiation",
                                "amount", auction ? offer.basePrice() : offer.basePrice() * 9 / 10,
                                "quantity", offer.minQuantity() * 2,
                                "message", auction ? "Première enchère" : "Possible à ce prix pour deux lots ?"))
                        .retrieve().toBodilessEntity();
            }
        }
    }

    /** One message of a demo conversation: who says it (by email) and what. */
    private record Line(String email, String content) {
    }

    /**
     * Two demo conversations (API.md §13): the customer asking the fournisseur about one of its
     * products, and the grossiste negotiating the importateur's olive oil lot. A line already in
     * its conversation (same sender, same text) is not sent again, so a resumed seeding adds none
     * twice; the conversation's id derives from its subject and pair, as the platform's does.
     */
    private void seedConversations(RestClient api, String customer, Map<String, String> sellers,
                                   Map<String, String> retail) {
        Map<String, String> tokens = new HashMap<>(sellers);
        tokens.put(DemoCatalog.CUSTOMER, customer);
        converse(api, tokens, SubjectType.PRODUCT, retail.get("fournisseur@zst.demo"), List.of(
                new Line(DemoCatalog.CUSTOMER, "Bonjour, ce produit est-il original ? Vous livrez à Oran ?"),
                new Line("fournisseur@zst.demo", "Bonjour ! Oui, produit d'origine, scellé. Livraison à Oran en 48 h."),
                new Line(DemoCatalog.CUSTOMER, "Parfait, je passe commande ce soir. Merci !")));
        String importateur = userId("importateur@zst.demo");
        String lot = jdbc.sql("SELECT id::text FROM b2b_offers WHERE seller_id = ?::uuid AND title = ?")
                .params(importateur, "Conteneur d'huile d'olive (bidons de 5 L)").query(String.class).single();
        converse(api, tokens, SubjectType.B2B_OFFER, lot, List.of(
                new Line("grossiste@zst.demo", "Bonjour, pour 200 bidons, pouvez-vous faire 2 200 DZD l'unité ?"),
                new Line("importateur@zst.demo", "Je peux descendre à 2 300 DZD pour 200 bidons, livraison comprise."),
                new Line("grossiste@zst.demo", "D'accord à 2 300 si vous livrez à Sétif avant la fin du mois.")));
    }

    private void converse(RestClient api, Map<String, String> tokens, SubjectType type, String subjectId,
                          List<Line> lines) {
        String opener = userId(lines.get(0).email());
        String other = userId(lines.get(1).email());
        String conversation = ConversationId.between(new Subject(type, UUID.fromString(subjectId)),
                new UserId(UUID.fromString(opener)), new UserId(UUID.fromString(other))).toString();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String sender = userId(line.email());
            boolean sent = jdbc.sql("SELECT count(*) FROM messages WHERE conversation_id = ?::uuid "
                            + "AND sender_id = ?::uuid AND content = ?")
                    .params(conversation, sender, line.content()).query(Long.class).single() > 0;
            if (sent) {
                continue;
            }
            var request = i == 0 ? api.post().uri("/api/v1/conversations")
                    : api.post().uri("/api/v1/conversations/{id}/messages", conversation);
            Object body = i == 0 ? Map.of("recipient_id", other, "subject", Map.of("type", type.wire(), "id",
                    subjectId), "message", line.content()) : Map.of("content", line.content());
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.get(line.email()))
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
        }
    }

    private String userId(String email) {
        return jdbc.sql("SELECT id::text FROM users WHERE email = ?").param(email).query(String.class).single();
    }

    private static String createReel(RestClient api, String token, String productId, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", productId);
        body.put("video_url", DEMO_VIDEOS.get(index % DEMO_VIDEOS.size()));
        body.put("video_storage_path", "demo/reels/" + productId + ".mp4");
        body.put("duration", 15);
        body.put("caption", CAPTION);
        return api.post().uri("/api/v1/reels").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class).get("id").asText();
    }

    private static String createProduct(RestClient api, String token, DemoProduct product, int index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", product.name());
        body.put("brand", product.brand());
        body.put("description", product.name() + " de la marque " + product.brand()
                + ". Livraison dans les 58 wilayas, paiement à la livraison.");
        body.put("price", product.price());
        body.put("stock", product.stock());
        body.put("category", product.category());
        body.put("is_new", index % 5 == 0);
        body.put("is_promo", index % 7 == 0);
        if (index % 7 == 0) {
            body.put("original_price", Math.round(product.price() * 1.25));
        }
        body.put("tags", java.util.List.of(product.category(), product.brand().toLowerCase()));
        body.put("delivery_estimate", "2 à 5 jours ouvrables");
        body.put("payment_info", "Paiement à la livraison (COD)");
        return api.post().uri("/api/v1/products").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class).get("id").asText();
    }

    private static void uploadPicture(RestClient api, String token, String productId, DemoProduct product, int index) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(picture(product.name(), index)) {
            @Override
            public String getFilename() {
                return "demo-" + index + ".png";
            }
        });
        api.post().uri("/api/v1/storage/products/{id}/images", productId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
    }

    /** A product picture drawn here: the machine that seeds may have no network to fetch one. */
    static byte[] picture(String name, int index) {
        int size = 800;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color from = Color.getHSBColor((index * 0.137f) % 1f, 0.55f, 0.95f);
            Color to = Color.getHSBColor((index * 0.137f + 0.12f) % 1f, 0.75f, 0.65f);
            g.setPaint(new GradientPaint(0, 0, from, size, size, to));
            g.fillRect(0, 0, size, size);
            g.setColor(new Color(255, 255, 255, 230));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 260));
            String initials = initials(name);
            int width = g.getFontMetrics().stringWidth(initials);
            g.drawString(initials, (size - width) / 2, size / 2 + 90);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
            String caption = name.length() > 38 ? name.substring(0, 37) + "…" : name;
            g.drawString(caption, (size - g.getFontMetrics().stringWidth(caption)) / 2, size - 80);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static String initials(String name) {
        StringBuilder letters = new StringBuilder();
        for (String word : name.split("[\\s'’-]+")) {
            if (!word.isEmpty() && Character.isLetter(word.charAt(0)) && letters.length() < 2) {
                letters.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return letters.length() == 0 ? "Z" : letters.toString();
    }
}

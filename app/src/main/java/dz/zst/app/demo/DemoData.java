package dz.zst.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.demo.DemoCatalog.DemoProduct;
import dz.zst.app.demo.DemoCatalog.DemoSeller;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Demo data on the embedded default's first start: an admin, a customer, sellers of every tier and
 * about fifty products with images. It goes through the platform's own HTTP API, as a user would,
 * so every demo fact is a command, an event in the event store and a row in the read models.
 * First start means an empty event store; a restart seeds nothing.
 */
@Component
@ConditionalOnProperty(name = "zst.demo-data.enabled", havingValue = "true")
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcClient jdbc;

    public DemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent ready) {
        long events = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        if (events > 0 || !(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://127.0.0.1:" + web.getWebServer().getPort();
        Thread seeding = new Thread(() -> seed(RestClient.builder().baseUrl(base).build()), "demo-data");
        seeding.setDaemon(true);
        seeding.start();
    }

    void seed(RestClient api) {
        try {
            long started = System.nanoTime();
            signIn(api, DemoCatalog.ADMIN);
            String customer = signIn(api, DemoCatalog.CUSTOMER);
            Map<String, String> sellers = new HashMap<>();
            for (DemoSeller seller : DemoCatalog.SELLERS) {
                String token = signIn(api, seller.email());
                api.post().uri("/api/v1/auth/sync-role").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("role", "seller", "seller_category", seller.tier())).retrieve().toBodilessEntity();
                api.patch().uri("/api/v1/auth/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("full_name", seller.fullName(), "wilaya", seller.wilaya())).retrieve()
                        .toBodilessEntity();
                sellers.put(seller.email(), token);
            }
            int index = 0;
            Map<String, String> retail = new LinkedHashMap<>();
            for (DemoProduct product : DemoCatalog.PRODUCTS) {
                String id = createProduct(api, sellers.get(product.sellerEmail()), product, index++);
                if (product.sellerEmail().startsWith("fournisseur")) {
                    retail.putIfAbsent(product.sellerEmail(), id);
                }
            }
            seedOrders(api, customer, sellers, retail);
            seedReels(api, customer, sellers, retail);
            log.info("Demo data seeded in {} ms: {} sellers, {} products, demo orders and reels (password of every demo account: {})",
                    (System.nanoTime() - started) / 1_000_000, sellers.size(), DemoCatalog.PRODUCTS.size(),
                    DemoCatalog.PASSWORD);
        } catch (RuntimeException e) {
            log.warn("Demo data could not be seeded completely", e);
        }
    }

    private static String signIn(RestClient api, String email) {
        JsonNode response = api.post().uri("/api/v1/dev-auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", DemoCatalog.PASSWORD)).retrieve().body(JsonNode.class);
        return response.get("access_token").asText();
    }

    /**
     * A first order history for the demo customer: one checkout across both retail sellers (so two
     * orders), one of which the seller has confirmed and shipped.
     */
    private static void seedOrders(RestClient api, String customer, Map<String, String> sellers,
                                   Map<String, String> productBySeller) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_name", "Client Démo");
        body.put("customer_phone", "0555000000");
        body.put("shipping_address", "1 place des Martyrs, Alger Centre");
        body.put("customer_wilaya", "Alger");
        body.put("payment_method", "cod");
        body.put("items", productBySeller.values().stream().map(id -> Map.of("product_id", id, "quantity", 1)).toList());
        JsonNode orders = api.post().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class).get("orders");
        JsonNode first = orders.get(0);
        String seller = sellers.entrySet().stream()
                .filter(entry -> productBySeller.containsKey(entry.getKey())
                        && first.get("items").get(0).get("product_id").asText().equals(productBySeller.get(entry.getKey())))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        for (Map<String, String> move : java.util.List.of(Map.of("status", "confirmed"), Map.of("status", "processing"),
                Map.of("status", "shipped", "tracking_number", "YAL-DEMO-0001"))) {
            api.patch().uri("/api/v1/seller/orders/{id}/status", first.get("id").asText())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + seller).contentType(MediaType.APPLICATION_JSON)
                    .body(move).retrieve().toBodilessEntity();
        }
    }

    /** Public sample clips (Google's test videos) so the demo feed plays; a real reel is uploaded first. */
    private static final List<String> DEMO_VIDEOS = List.of(
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerBlazes.mp4",
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerEscapes.mp4",
            "https://storage.googleapis.com/gtv-videos-bucket/sample/ForBiggerFun.mp4");

    /** A reel for each retail seller's first product; the demo customer likes and comments the first. */
    private static void seedReels(RestClient api, String customer, Map<String, String> sellers,
                                  Map<String, String> productBySeller) {
        String first = null;
        int index = 0;
        for (Map.Entry<String, String> entry : productBySeller.entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("product_id", entry.getValue());
            body.put("video_url", DEMO_VIDEOS.get(index % DEMO_VIDEOS.size()));
            body.put("video_storage_path", "demo/reels/" + entry.getValue() + ".mp4");
            body.put("duration", 15);
            body.put("caption", "Découvrez ce produit en vidéo");
            JsonNode reel = api.post().uri("/api/v1/reels")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + sellers.get(entry.getKey()))
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
            first = first == null ? reel.get("id").asText() : first;
            index++;
        }
        if (first != null) {
            api.post().uri("/api/v1/reels/{id}/like", first).header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                    .retrieve().toBodilessEntity();
            api.post().uri("/api/v1/reels/{id}/comments", first).header(HttpHeaders.AUTHORIZATION, "Bearer " + customer)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("content", "Très beau produit !"))
                    .retrieve().toBodilessEntity();
        }
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
        JsonNode created = api.post().uri("/api/v1/products").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(picture(product.name(), index)) {
            @Override
            public String getFilename() {
                return "demo-" + index + ".png";
            }
        });
        api.post().uri("/api/v1/storage/products/{id}/images", created.get("id").asText())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toBodilessEntity();
        return created.get("id").asText();
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

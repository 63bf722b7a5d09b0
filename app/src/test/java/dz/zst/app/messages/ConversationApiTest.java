package dz.zst.app.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.freelance.FreelanceKit;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Part;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The routes of API.md §13 and their rules: who may open a conversation about what, only the two
 * participants see it, newest-first paging with a stable cursor, read marks and unread counts,
 * content after trimming, attachments from our own storage, the per-user limit.
 */
class ConversationApiTest extends ApiTestBase {

    private String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private Talk talk() {
        return new Talk(baseUrl());
    }

    @Test
    void aShopperAsksASellerAboutAProductAndTheSellerReadsAndAnswersInTheSameConversation() {
        // A product's party is its seller (API.md §13): the shopper opens, and opens again into the
        // same conversation; the seller answers in it.
        String run = run();
        Talk talk = talk();
        String seller = TestUsers.seller(baseUrl(), "msg-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-shop-" + run + "@zst.test");
        String sellerId = TestUsers.userId(baseUrl(), seller);
        String shopperId = TestUsers.userId(baseUrl(), shopper);
        String product = talk.product(seller, "Parfum Oud " + run);

        ApiCalls.Response opened = talk.open(shopper, sellerId, "product", product, "  Bonjour, il est original ?  ");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        JsonNode conversation = opened.body().get("conversation");
        String id = conversation.get("id").asText();
        assertThat(conversation.get("subject").get("type").asText()).isEqualTo("product");
        assertThat(conversation.get("subject").get("id").asText()).isEqualTo(product);
        assertThat(conversation.get("subject").get("title").asText()).isEqualTo("Parfum Oud " + run);
        assertThat(conversation.get("participants")).extracting(p -> p.get("id").asText())
                .containsExactly(shopperId, sellerId);
        assertThat(conversation.get("participants").get(1).get("seller_category").asText()).isEqualTo("fournisseur");
        assertThat(conversation.get("participants").get(0).has("email")).isFalse();
        assertThat(conversation.get("unread_count").asLong()).isZero();
        assertThat(conversation.get("last_message").get("content").asText()).isEqualTo("Bonjour, il est original ?");
        JsonNode first = opened.body().get("message");
        assertThat(first.get("conversation_id").asText()).isEqualTo(id);
        assertThat(first.get("sender_id").asText()).isEqualTo(shopperId);
        assertThat(first.get("content").asText()).isEqualTo("Bonjour, il est original ?");
        assertThat(first.get("attachments")).isEmpty();
        assertThat(first.get("read_at").isNull()).isTrue();
        assertThat(first.get("created_at").asText()).isNotBlank();

        JsonNode sellersList = talk.get(seller, "");
        assertThat(sellersList.get("data")).hasSize(1);
        assertThat(sellersList.get("data").get(0).get("id").asText()).isEqualTo(id);
        assertThat(sellersList.get("data").get(0).get("unread_count").asLong()).isEqualTo(1);
        assertThat(talk.get(seller, "?unread_only=true").get("meta").get("total").asLong()).isEqualTo(1);
        assertThat(talk.get(seller, "/unread-count").get("count").asLong()).isEqualTo(1);
        assertThat(talk.get(shopper, "/unread-count").get("count").asLong()).isZero();
        assertThat(talk.get(shopper, "?unread_only=true").get("data")).isEmpty();

        ApiCalls.Response read = talk.read(seller, id);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("conversation_id").asText()).isEqualTo(id);
        String readAt = read.body().get("read_at").asText();
        assertThat(talk.get(seller, "/unread-count").get("count").asLong()).isZero();
        assertThat(talk.get(seller, "/" + id).get("unread_count").asLong()).isZero();
        assertThat(talk.get(shopper, "/" + id + "/messages").get("data").get(0).get("read_at").asText())
                .isEqualTo(readAt);

        ApiCalls.Response reused = talk.open(shopper, sellerId, "product", product, "Et la date ?");
        assertThat(reused.status()).as(reused.raw()).isEqualTo(200);
        assertThat(reused.body().get("conversation").get("id").asText()).isEqualTo(id);
        assertThat(talk.said(seller, id, "Oui, scellé.").get("sender_id").asText()).isEqualTo(sellerId);
        JsonNode messages = talk.get(shopper, "/" + id + "/messages");
        assertThat(messages.get("data")).extracting(m -> m.get("content").asText())
                .containsExactly("Oui, scellé.", "Et la date ?", "Bonjour, il est original ?");
        assertThat(talk.get(shopper, "").get("data")).hasSize(1);
        assertThat(messages.get("data").get(0).get("read_at").isNull()).isTrue();
        assertThat(talk.get(shopper, "/unread-count").get("count").asLong()).isEqualTo(1);
        assertThat(talk.get(shopper, "").get("data").get(0).get("last_message").get("sender_id").asText())
                .isEqualTo(sellerId);
    }

    @Test
    void messagesPageNewestFirstAndTheBeforeCursorStaysPutWhileNewOnesArrive() {
        String run = run();
        Talk talk = talk();
        String seller = TestUsers.seller(baseUrl(), "msg-pg-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-pg-shop-" + run + "@zst.test");
        String id = talk.opened(shopper, TestUsers.userId(baseUrl(), seller), "product",
                talk.product(seller, "Savon " + run), "m0");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(talk.said(i % 2 == 0 ? seller : shopper, id, "m" + i).get("id").asText());
        }
        JsonNode newest = talk.get(shopper, "/" + id + "/messages?limit=2");
        assertThat(newest.get("data")).extracting(m -> m.get("content").asText()).containsExactly("m5", "m4");
        assertThat(newest.get("meta").get("total").asLong()).isEqualTo(6);

        String cursor = ids.get(2);
        JsonNode older = talk.get(shopper, "/" + id + "/messages?limit=2&before=" + cursor);
        talk.said(seller, id, "m6");
        talk.said(shopper, id, "m7");
        assertThat(talk.get(shopper, "/" + id + "/messages?limit=2&before=" + cursor)).isEqualTo(older);
        assertThat(older.get("data")).extracting(m -> m.get("content").asText()).containsExactly("m2", "m1");
        assertThat(talk.get(shopper, "/" + id + "/messages?limit=2&page=2&before=" + cursor).get("data"))
                .extracting(m -> m.get("content").asText()).containsExactly("m0");

        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + id + "/messages?before=" + UUID.randomUUID(),
                shopper).status()).isEqualTo(400);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + id + "/messages?before=nope", shopper)
                .status()).isEqualTo(400);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + id + "/messages?limit=101", shopper)
                .status()).isEqualTo(400);
    }

    @Test
    void onlyTheTwoParticipantsSeeAConversationEveryoneElseGets404() {
        String run = run();
        Talk talk = talk();
        String seller = TestUsers.seller(baseUrl(), "msg-priv-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-priv-shop-" + run + "@zst.test");
        String stranger = TestUsers.signIn(baseUrl(), "msg-priv-x-" + run + "@zst.test");
        String admin = TestUsers.admin(baseUrl());
        String id = talk.opened(shopper, TestUsers.userId(baseUrl(), seller), "product",
                talk.product(seller, "Crème " + run), "Secret");
        for (String other : List.of(stranger, admin)) {
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + id, other).status()).isEqualTo(404);
            assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + id + "/messages", other).status())
                    .isEqualTo(404);
            assertThat(talk.post(other, id, Map.of("content", "Hé")).status()).isEqualTo(404);
            assertThat(talk.read(other, id).status()).isEqualTo(404);
            assertThat(talk.get(other, "").get("data").toString()).doesNotContain(id);
        }
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/" + UUID.randomUUID(), shopper).status())
                .isEqualTo(404);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations/not-an-id", shopper).status()).isEqualTo(404);
        assertThat(talk.post(shopper, UUID.randomUUID().toString(), Map.of("content", "Hé")).status())
                .isEqualTo(404);
        assertThat(talk.get(shopper, "/" + id + "/messages").get("data")).hasSize(1);
        assertThat(ApiCalls.get(baseUrl() + "/api/v1/conversations", null).status()).isEqualTo(401);
        assertThat(talk.open(null, UUID.randomUUID().toString(), "product", UUID.randomUUID().toString(), "x")
                .status()).isEqualTo(401);
    }

    @Test
    void openingNeedsAVisibleSubjectAPartyRecipientSomeoneElseAndValidContentAndChangesNothingOtherwise() {
        String run = run();
        Talk talk = talk();
        String fournisseur = TestUsers.seller(baseUrl(), "msg-rule-f-" + run + "@zst.test", "fournisseur");
        String importateur = TestUsers.seller(baseUrl(), "msg-rule-i-" + run + "@zst.test", "importateur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-rule-s-" + run + "@zst.test");
        String other = TestUsers.signIn(baseUrl(), "msg-rule-o-" + run + "@zst.test");
        String fournisseurId = TestUsers.userId(baseUrl(), fournisseur);
        String importateurId = TestUsers.userId(baseUrl(), importateur);
        String shopperId = TestUsers.userId(baseUrl(), shopper);
        String product = talk.product(fournisseur, "Khôl " + run);
        String hidden = talk.product(importateur, "Lot caché " + run);

        assertProblem(talk.open(shopper, TestUsers.userId(baseUrl(), other), "product", product, "Salut"), 400,
                "recipient_id");
        assertProblem(talk.open(shopper, importateurId, "product", hidden, "Salut"), 404, null);
        assertProblem(talk.open(shopper, fournisseurId, "product", UUID.randomUUID().toString(), "Salut"), 404, null);
        assertProblem(talk.open(shopper, shopperId, "product", product, "Moi"), 400, "recipient_id");
        assertProblem(talk.open(fournisseur, fournisseurId, "product", product, "Moi"), 400, "recipient_id");
        assertProblem(talk.open(shopper, UUID.randomUUID().toString(), "product", product, "Personne"), 400,
                "recipient_id");
        assertProblem(talk.open(shopper, fournisseurId, "reel", product, "Salut"), 400, null);
        assertProblem(talk.open(shopper, fournisseurId, "freelance_service", product, "Salut"), 404, null);
        assertProblem(talk.open(shopper, fournisseurId, "product", product, "x".repeat(2001)), 400, "message");
        assertProblem(talk.open(shopper, fournisseurId, "product", product, "   "), 400, "message");
        assertProblem(talk.open(shopper, "nope", "product", product, "Salut"), 400, "recipient_id");
        assertThat(ApiCalls.postJson(baseUrl() + "/api/v1/conversations", "{\"recipient_id\":\"" + fournisseurId
                        + "\",\"subject\":{\"type\":\"product\",\"id\":\"" + product + "\"},\"message\":\"x\","
                        + "\"extra\":1}", "Authorization", "Bearer " + shopper).status()).isEqualTo(400);
        assertThat(talk.get(shopper, "").get("meta").get("total").asLong()).isZero();
        assertThat(talk.get(fournisseur, "").get("meta").get("total").asLong()).isZero();

        ApiCalls.Response longest = talk.open(shopper, fournisseurId, "product", product,
                "  " + "é".repeat(2000) + "\n");
        assertThat(longest.status()).as(longest.raw()).isEqualTo(201);
        String id = longest.body().get("conversation").get("id").asText();
        assertProblem(talk.post(shopper, id, Map.of("content", "y".repeat(2001))), 400, "content");
        assertProblem(talk.post(shopper, id, Map.of("content", " \t ")), 400, "content");
        assertThat(talk.get(shopper, "/" + id + "/messages").get("meta").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void ordersAndOffersHaveTheirOwnParties() {
        String run = run();
        Talk talk = talk();
        String fournisseur = TestUsers.seller(baseUrl(), "msg-sub-f-" + run + "@zst.test", "fournisseur");
        String buyer = TestUsers.signIn(baseUrl(), "msg-sub-b-" + run + "@zst.test");
        String stranger = TestUsers.signIn(baseUrl(), "msg-sub-x-" + run + "@zst.test");
        String order = talk.order(buyer, talk.product(fournisseur, "Ambre " + run));
        String buyerId = TestUsers.userId(baseUrl(), buyer);
        String fournisseurId = TestUsers.userId(baseUrl(), fournisseur);

        ApiCalls.Response aboutOrder = talk.open(fournisseur, buyerId, "order", order, "Livraison demain");
        assertThat(aboutOrder.status()).as(aboutOrder.raw()).isEqualTo(201);
        assertThat(aboutOrder.body().get("conversation").get("subject").get("title").asText()).startsWith("Commande ");
        assertProblem(talk.open(stranger, fournisseurId, "order", order, "C'est à moi ?"), 404, null);

        String importateur = TestUsers.seller(baseUrl(), "msg-sub-i-" + run + "@zst.test", "importateur");
        String grossiste = TestUsers.seller(baseUrl(), "msg-sub-g-" + run + "@zst.test", "grossiste");
        String importateur2 = TestUsers.seller(baseUrl(), "msg-sub-i2-" + run + "@zst.test", "importateur");
        String importateurId = TestUsers.userId(baseUrl(), importateur);
        String lot = talk.lot(importateur, "Lot de 500 flacons " + run);
        ApiCalls.Response negotiating = talk.open(grossiste, importateurId, "b2b_offer", lot, "Prix pour 200 ?");
        assertThat(negotiating.status()).as(negotiating.raw()).isEqualTo(201);
        assertThat(negotiating.body().get("conversation").get("subject").get("title").asText())
                .isEqualTo("Lot de 500 flacons " + run);
        ApiCalls.Response ownerAsks = talk.open(importateur, TestUsers.userId(baseUrl(), grossiste), "b2b_offer", lot,
                "Intéressé ?");
        assertThat(ownerAsks.status()).as("the owner to a seller of the target tier: the same conversation")
                .isEqualTo(200);
        assertProblem(talk.open(importateur, TestUsers.userId(baseUrl(), importateur2), "b2b_offer", lot, "Hé"), 400,
                "recipient_id");
        assertProblem(talk.open(fournisseur, importateurId, "b2b_offer", lot, "Hé"), 404, null);
    }

    @Test
    void freelanceServicesAndOrdersHaveTheirOwnParties() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        Talk talk = talk();
        String freelancer = kit.freelancer("msg-fl");
        String client = kit.client("msg-fl-client");
        String stranger = kit.client("msg-fl-stranger");
        String freelancerId = TestUsers.userId(baseUrl(), freelancer);
        String clientId = TestUsers.userId(baseUrl(), client);
        String service = kit.createService(freelancer, FreelanceKit.service("Logo " + kit.run, "design", 5000))
                .get("id").asText();

        ApiCalls.Response aboutService = talk.open(client, freelancerId, "freelance_service", service, "Délai ?");
        assertThat(aboutService.status()).as(aboutService.raw()).isEqualTo(201);
        assertThat(aboutService.body().get("conversation").get("subject").get("title").asText())
                .isEqualTo("Logo " + kit.run);
        assertProblem(talk.open(client, TestUsers.userId(baseUrl(), stranger), "freelance_service", service, "Hé"),
                400, "recipient_id");

        String order = kit.order(client, service, "basic").get("id").asText();
        ApiCalls.Response aboutOrder = talk.open(freelancer, clientId, "freelance_order", order, "Vos couleurs ?");
        assertThat(aboutOrder.status()).as(aboutOrder.raw()).isEqualTo(201);
        assertThat(aboutOrder.body().get("conversation").get("subject").get("title").asText())
                .isEqualTo("Commande freelance « Logo " + kit.run + " »");
        assertProblem(talk.open(stranger, freelancerId, "freelance_order", order, "C'est à moi ?"), 404, null);
        assertProblem(talk.open(client, TestUsers.userId(baseUrl(), stranger), "freelance_order", order, "Hé"), 400,
                "recipient_id");
    }

    @Test
    void attachmentsAreTheSendersOwnUploadsImagesUpToTenMegabytesFilesUpToTwentyFive() {
        String run = run();
        Talk talk = talk();
        String seller = TestUsers.seller(baseUrl(), "msg-att-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-att-shop-" + run + "@zst.test");
        String id = talk.opened(shopper, TestUsers.userId(baseUrl(), seller), "product",
                talk.product(seller, "Musc " + run), "Voici la photo");
        String route = baseUrl() + "/api/v1/storage/message-attachments";

        ApiCalls.Response image = ApiCalls.multipart(route, shopper, new Part("file", "flacon.png", "image/png",
                png(1024)), new Part("name", null, null, "flacon.png".getBytes(StandardCharsets.UTF_8)));
        assertThat(image.status()).as(image.raw()).isEqualTo(201);
        assertThat(image.body().get("type").asText()).isEqualTo("image");
        assertThat(image.body().get("name").asText()).isEqualTo("flacon.png");
        ApiCalls.Response pdf = ApiCalls.multipart(route, shopper, new Part("file", "facture.pdf",
                "application/pdf", bytes("%PDF-1.4 ", 11 * 1024 * 1024)));
        assertThat(pdf.status()).as(pdf.raw()).isEqualTo(201);
        assertThat(pdf.body().get("type").asText()).isEqualTo("file");
        assertThat(ApiCalls.multipart(route, shopper, new Part("file", "big.png", "image/png",
                png(11 * 1024 * 1024))).status()).isEqualTo(413);
        assertThat(ApiCalls.multipart(route, shopper, new Part("file", "huge.bin", "application/octet-stream",
                bytes("zz", 26 * 1024 * 1024))).status()).isEqualTo(413);

        Map<String, Object> photo = Map.of("url", image.body().get("url").asText(), "name", "flacon.png",
                "type", "image");
        Map<String, Object> invoice = Map.of("url", pdf.body().get("url").asText(), "name", "facture.pdf",
                "type", "file");
        ApiCalls.Response sent = talk.post(shopper, id, Map.of("content", "Photo et facture",
                "attachments", List.of(photo, invoice)));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(sent.body().get("message").get("attachments")).hasSize(2);
        assertThat(sent.body().get("message").get("attachments").get(0).get("url").asText())
                .isEqualTo(photo.get("url"));
        assertThat(talk.get(seller, "/" + id + "/messages").get("data").get(0).get("attachments").get(1)
                .get("name").asText()).isEqualTo("facture.pdf");

        assertProblem(talk.post(seller, id, Map.of("content", "Je la renvoie", "attachments", List.of(photo))), 400,
                "attachments[0].url");
        assertProblem(talk.post(shopper, id, Map.of("content", "Ailleurs", "attachments", List.of(Map.of(
                "url", "https://evil.example/x.png", "name", "x.png", "type", "image")))), 400, "attachments[0].url");
        assertProblem(talk.post(shopper, id, Map.of("content", "Inventée", "attachments", List.of(Map.of(
                "url", photo.get("url").toString().replace(".png", "-0.png"), "name", "x.png", "type", "image")))),
                400, "attachments[0].url");
        assertThat(talk.get(seller, "/" + id + "/messages").get("meta").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aUserSendsAtMostThirtyMessagesAMinute() {
        String run = run();
        Talk talk = talk();
        String seller = TestUsers.seller(baseUrl(), "msg-rate-sel-" + run + "@zst.test", "fournisseur");
        String shopper = TestUsers.signIn(baseUrl(), "msg-rate-shop-" + run + "@zst.test");
        String id = talk.opened(shopper, TestUsers.userId(baseUrl(), seller), "product",
                talk.product(seller, "Ambre " + run), "1");
        for (int i = 2; i <= 30; i++) {
            talk.said(shopper, id, Integer.toString(i));
        }
        ApiCalls.Response refused = talk.post(shopper, id, Map.of("content", "31"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body().get("statusCode").asInt()).isEqualTo(429);
        assertThat(talk.get(seller, "/" + id + "/messages").get("meta").get("total").asLong()).isEqualTo(30);
        assertThat(talk.said(seller, id, "Le vendeur a encore son quota").get("content").asText())
                .isEqualTo("Le vendeur a encore son quota");
    }

    private static void assertProblem(ApiCalls.Response response, int status, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.body().get("errors").toString()).as(response.raw()).contains("\"" + field + "\"");
        }
    }

    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    private static byte[] bytes(String head, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        byte[] start = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, bytes, 0, start.length);
        return bytes;
    }
}

package dz.zst.app.freelance;

import static dz.zst.app.freelance.FreelanceKit.expect;
import static dz.zst.app.support.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiCalls.Part;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Freelance media (API.md §10): a service's cover (with its thumbnail) and intro video, media
 * uploaded through a presigned URL and then named, and the portfolio's routes, with their refusals.
 */
class FreelanceMediaApiTest extends ApiTestBase {

    private static final byte[] MP4 = "\0\0\0\u0018ftypisom\0\0\0\0isomavc1 tiny video body"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static Part file(String contentType, byte[] content) {
        return new Part("file", "media", contentType, content);
    }

    private static int width(byte[] image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image)).getWidth();
    }

    private byte[] download(FreelanceKit kit, String url) {
        ApiCalls.Download got = ApiCalls.sendBytes("GET", kit.local(url), null, null, Map.of());
        assertThat(got.status()).isEqualTo(200);
        return got.body();
    }

    @Test
    void theServicesCoverAndVideoAreStoredAndShownAndRefusalsStoreNothing() throws IOException {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("media");
        String other = kit.freelancer("media-other");
        String id = kit.createService(freelancer, FreelanceKit.service("Média", "photography", 100)).get("id")
                .asText();
        String cover = kit.url("/freelancer/services/" + id + "/cover");
        String video = kit.url("/freelancer/services/" + id + "/video");

        JsonNode uploaded = expect(ApiCalls.multipart(cover, freelancer, file("image/png", png(900, 600))), 201)
                .body();
        assertThat(uploaded.get("key").asText()).startsWith("freelance/" + TestUsers.userId(baseUrl(), freelancer)
                + "/services/" + id + "/cover-");
        assertThat(width(download(kit, uploaded.get("thumbnailUrl").asText()))).isEqualTo(400);
        JsonNode service = ApiCalls.get(kit.url("/freelance/services/" + id), null).body();
        assertThat(service.get("cover_image_url").asText()).isEqualTo(uploaded.get("url").asText());
        assertThat(service.get("cover_thumbnail_url").asText()).isEqualTo(uploaded.get("thumbnailUrl").asText());

        JsonNode intro = expect(ApiCalls.multipart(video, freelancer, file("video/mp4", MP4)), 201).body();
        assertThat(download(kit, intro.get("url").asText())).isEqualTo(MP4);
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + id), null).body().get("video_url").asText())
                .isEqualTo(intro.get("url").asText());

        expect(ApiCalls.multipart(cover, freelancer, file("video/mp4", MP4)), 400);
        expect(ApiCalls.multipart(cover, freelancer, file("image/png", "not an image".getBytes())), 400);
        expect(ApiCalls.multipart(cover, freelancer, file("image/png", new byte[10 * 1024 * 1024 + 1])), 413);
        expect(ApiCalls.multipart(video, freelancer, file("image/png", png(10, 10))), 400);
        expect(ApiCalls.multipart(video, freelancer, file("video/mp4", "no video".getBytes())), 400);
        expect(ApiCalls.multipart(cover, other, file("image/png", png(20, 20))), 403);
        expect(ApiCalls.multipart(video, other, file("video/mp4", MP4)), 403);
        expect(ApiCalls.multipart(kit.url("/freelancer/services/" + UUID.randomUUID() + "/cover"), freelancer,
                file("image/png", png(20, 20))), 404);
        expect(ApiCalls.multipart(cover, null, file("image/png", png(20, 20))), 401);
        assertThat(ApiCalls.get(kit.url("/freelance/services/" + id), null).body().get("cover_image_url").asText())
                .as("refused uploads changed nothing").isEqualTo(uploaded.get("url").asText());
    }

    @Test
    void mediaUploadedThroughAPresignedUrlIsNamedAfterwardsAndOnlyOursIsTaken() {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("presign");
        String other = kit.freelancer("presign-other");
        String id = kit.createService(freelancer, FreelanceKit.service("Présigné", "video", 100)).get("id").asText();
        String presign = kit.url("/storage/presign");

        byte[] image = png(30, 30);
        JsonNode signed = expect(ApiCalls.post(presign, freelancer, Map.of("kind", "service-cover", "service_id", id,
                "content_type", "image/png", "size", image.length)), 200).body();
        Map<String, String> headers = new HashMap<>();
        signed.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        ApiCalls.Download put = ApiCalls.sendBytes("PUT", kit.local(signed.get("upload_url").asText()), null, image,
                headers);
        assertThat(put.status()).isBetween(200, 204);
        JsonNode patched = expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer,
                Map.of("cover_image_url", signed.get("public_url").asText())), 200).body();
        assertThat(patched.get("cover_image_url").asText()).isEqualTo(signed.get("public_url").asText());

        expect(ApiCalls.post(presign, other, Map.of("kind", "service-video", "service_id", id,
                "content_type", "video/mp4", "size", 100)), 403);
        expect(ApiCalls.post(presign, freelancer, Map.of("kind", "service-video", "content_type", "video/mp4",
                "size", 100)), 400);
        expect(ApiCalls.post(presign, freelancer, Map.of("kind", "service-cover", "service_id", id,
                "content_type", "image/png", "size", 10L * 1024 * 1024 + 1)), 413);
        for (String foreign : new String[]{"https://evil.example/x.png", signed.get("public_url").asText()
                .replace(".png", "-missing.png"), signed.get("public_url").asText().replace(id,
                UUID.randomUUID().toString())}) {
            expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer,
                    Map.of("cover_image_url", foreign)), 400);
        }
        expect(ApiCalls.patch(kit.url("/freelancer/services/" + id), freelancer,
                Map.of("video_url", signed.get("public_url").asText())), 400);

        JsonNode media = expect(ApiCalls.post(presign, freelancer, Map.of("kind", "portfolio-video",
                "content_type", "video/mp4", "size", MP4.length)), 200).body();
        Map<String, String> videoHeaders = new HashMap<>();
        media.get("headers").fields().forEachRemaining(h -> videoHeaders.put(h.getKey(), h.getValue().asText()));
        assertThat(ApiCalls.sendBytes("PUT", kit.local(media.get("upload_url").asText()), null, MP4, videoHeaders)
                .status()).isBetween(200, 204);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "video");
        item.put("media_url", media.get("public_url").asText());
        item.put("title", "Clip");
        item.put("service_id", id);
        item.put("display_order", 2);
        JsonNode created = expect(ApiCalls.post(kit.url("/freelancer/portfolio"), freelancer, item), 201).body();
        assertThat(created.get("media_url").asText()).isEqualTo(media.get("public_url").asText());
        assertThat(created.get("service_id").asText()).isEqualTo(id);
        assertThat(created.get("thumbnail_url").isNull()).isTrue();
        expect(ApiCalls.post(kit.url("/freelancer/portfolio"), other, item), 400);
        item.put("type", "image");
        expect(ApiCalls.post(kit.url("/freelancer/portfolio"), freelancer, item), 400);
    }

    @Test
    void aFreelancersPortfolioIsListedInDisplayOrderAndOnlyItsOwnerChangesIt() throws IOException {
        FreelanceKit kit = new FreelanceKit(baseUrl());
        String freelancer = kit.freelancer("portfolio");
        String other = kit.freelancer("portfolio-other");
        String customer = kit.client("portfolio-customer");
        String freelancerId = TestUsers.userId(baseUrl(), freelancer);
        String otherService = kit.createService(other, FreelanceKit.service("Autre", "design", 100)).get("id")
                .asText();
        String route = kit.url("/freelancer/portfolio");

        JsonNode image = expect(ApiCalls.multipart(route, freelancer, file("image/png", png(800, 500)),
                new Part("type", null, null, "image".getBytes()), new Part("title", null, null, "Affiche".getBytes()),
                new Part("display_order", null, null, "5".getBytes())), 201).body();
        assertThat(image.get("type").asText()).isEqualTo("image");
        assertThat(image.get("display_order").asInt()).isEqualTo(5);
        assertThat(image.get("freelancer_id").asText()).isEqualTo(freelancerId);
        assertThat(width(download(kit, image.get("thumbnail_url").asText()))).isEqualTo(400);
        JsonNode video = expect(ApiCalls.multipart(route, freelancer, file("video/mp4", MP4),
                new Part("type", null, null, "video".getBytes()), new Part("display_order", null, null,
                "1".getBytes())), 201).body();
        assertThat(video.get("thumbnail_url").isNull()).isTrue();

        JsonNode poster = expect(ApiCalls.multipart(route + "/" + video.get("id").asText() + "/thumbnail", freelancer,
                file("image/png", png(300, 300))), 200).body();
        assertThat(width(download(kit, poster.get("thumbnail_url").asText()))).isEqualTo(400);
        expect(ApiCalls.multipart(route + "/" + video.get("id").asText() + "/thumbnail", other,
                file("image/png", png(30, 30))), 403);

        JsonNode listed = expect(ApiCalls.get(kit.url("/freelance/services/freelancer/" + freelancerId
                + "/portfolio"), null), 200).body();
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(video.get("id").asText());
        assertThat(listed.get(1)).isEqualTo(image);
        assertThat(ApiCalls.get(route, freelancer).body()).isEqualTo(listed);

        for (Part[] bad : new Part[][]{
                {file("video/mp4", MP4), new Part("type", null, null, "image".getBytes())},
                {file("image/png", png(10, 10)), new Part("type", null, null, "video".getBytes())},
                {file("image/png", png(10, 10)), new Part("type", null, null, "audio".getBytes())},
                {file("image/png", png(10, 10))},
                {file("image/png", png(10, 10)), new Part("type", null, null, "image".getBytes()),
                        new Part("title", null, null, "x".repeat(201).getBytes())},
                {file("image/png", png(10, 10)), new Part("type", null, null, "image".getBytes()),
                        new Part("service_id", null, null, otherService.getBytes())},
                {file("image/png", png(10, 10)), new Part("type", null, null, "image".getBytes()),
                        new Part("display_order", null, null, "-1".getBytes())}}) {
            ApiCalls.Response refused = ApiCalls.multipart(route, freelancer, bad);
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        }
        expect(ApiCalls.multipart(route, freelancer, file("image/png", new byte[10 * 1024 * 1024 + 1]),
                new Part("type", null, null, "image".getBytes())), 413);
        expect(ApiCalls.multipart(route, customer, file("image/png", png(10, 10)),
                new Part("type", null, null, "image".getBytes())), 403);
        expect(ApiCalls.get(route, customer), 403);
        assertThat(ApiCalls.get(route, freelancer).body()).as("refusals added nothing").hasSize(2);

        expect(ApiCalls.delete(route + "/" + image.get("id").asText(), other), 403);
        ApiCalls.Response removed = expect(ApiCalls.delete(route + "/" + image.get("id").asText(), freelancer), 204);
        assertThat(removed.raw()).isEmpty();
        expect(ApiCalls.delete(route + "/" + image.get("id").asText(), freelancer), 404);
        expect(ApiCalls.delete(route + "/" + UUID.randomUUID(), freelancer), 404);
        assertThat(ApiCalls.get(kit.url("/freelance/services/freelancer/" + freelancerId + "/portfolio"), null)
                .body()).hasSize(1);
    }
}

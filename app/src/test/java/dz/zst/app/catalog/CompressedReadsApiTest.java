package dz.zst.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dz.zst.app.support.ApiCalls;
import dz.zst.app.support.ApiTestBase;
import dz.zst.app.support.TestUsers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Cached product reads are served gzip-compressed to clients that accept it, with the same content. */
class CompressedReadsApiTest extends ApiTestBase {

    @Test
    void gzipClientsGetTheSameJsonCompressed() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String seller = TestUsers.seller(baseUrl(), "gzip-" + run + "@zst.test", "fournisseur");
        String id = ApiCalls.post(baseUrl() + "/api/v1/products", seller, Map.of("name", "Compressé " + run,
                "price", 100, "stock", 3, "category", "home")).body().get("id").asText();

        for (String path : new String[] {"/api/v1/products?search=" + run, "/api/v1/products/" + id}) {
            ApiCalls.Download plain = ApiCalls.sendBytes("GET", baseUrl() + path, null, null, Map.of());
            ApiCalls.Download gzip = ApiCalls.sendBytes("GET", baseUrl() + path, null, null,
                    Map.of("Accept-Encoding", "gzip, deflate"));

            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(String.join(",", gzip.headers().allValues("Vary"))).contains("Accept-Encoding");
            byte[] unzipped;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                unzipped = in.readAllBytes();
            }
            assertThat(new String(unzipped, "UTF-8")).isEqualTo(new String(plain.body(), "UTF-8")).contains(run);
        }
    }
}

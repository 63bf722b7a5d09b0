package dz.zst.app.security;

import java.util.Base64;

/** PEM text to DER bytes. Environment variables often carry the line breaks as literal "\n". */
final class Pem {
    private Pem() {
    }

    static byte[] decode(String pem) {
        String body = pem.replace("\\n", "\n").replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
                .replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("not a PEM key", e);
        }
    }
}

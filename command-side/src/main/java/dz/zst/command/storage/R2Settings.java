package dz.zst.command.storage;

/** Everything needed to reach an S3-compatible bucket and to build public links to its objects. */
public record R2Settings(String endpoint, String accessKeyId, String secretAccessKey, String bucket,
                         String publicUrl) {

    @Override
    public String toString() {
        return "R2Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", publicUrl=" + publicUrl + "]";
    }
}

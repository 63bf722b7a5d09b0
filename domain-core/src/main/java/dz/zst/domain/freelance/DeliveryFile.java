package dz.zst.domain.freelance;

/** A file a freelancer delivered: where it is stored, its name as uploaded, its content type. */
public record DeliveryFile(String url, String name, String type) {
}

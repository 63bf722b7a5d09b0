package dz.zst.domain.orders;

/**
 * Who receives the parcel and where, as typed at checkout (the wilaya resolved to its official
 * French name and code).
 */
public record Customer(String name, String email, String phone, String shippingAddress, String wilayaCode,
                       String wilaya) {
}

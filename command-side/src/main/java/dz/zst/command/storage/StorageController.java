package dz.zst.command.storage;

import dz.zst.command.storage.StorageResponses.FileDeleted;
import dz.zst.command.storage.StorageResponses.FileStored;
import dz.zst.command.storage.StorageResponses.MessageAttachmentStored;
import dz.zst.command.storage.StorageResponses.ProductImageUploaded;
import dz.zst.command.storage.StorageResponses.ReelVideoUploaded;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.ProductId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The storage routes of API.md §4 and §7. Every one needs a signed-in caller. */
@RestController
@RequestMapping("/api/v1/storage")
@Tag(name = "Storage", description = "Uploads of product images, reel videos and user files")
public class StorageController {

    private final MediaUploads uploads;

    public StorageController(MediaUploads uploads) {
        this.uploads = uploads;
    }

    @Operation(summary = "Upload an image of your product (image/*, at most 10 MB); a 400×400 thumbnail is made and the image is attached to the product")
    @PostMapping(path = "/products/{productId}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public ProductImageUploaded uploadProductImage(@AuthenticationPrincipal Actor actor,
                                                   @PathVariable String productId,
                                                   @RequestPart("file") MultipartFile file) {
        return uploads.uploadProductImage(signedIn(actor), ProductId.of(productId), IncomingFile.of(file));
    }

    @Operation(summary = "Upload an image of your own (multipart field `image`, at most 10 MB)")
    @PostMapping(path = "/upload-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public FileStored uploadImage(@AuthenticationPrincipal Actor actor, @RequestPart("image") MultipartFile image) {
        return uploads.uploadUserImage(signedIn(actor), IncomingFile.of(image));
    }

    /** {@code image} is a data URI such as {@code data:image/png;base64,iVBOR…}. */
    public record ImageDataUri(@NotBlank String image) {
    }

    @Operation(summary = "Upload an image of your own as a base64 data URI")
    @PostMapping(path = "/upload-image", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public FileStored uploadImageDataUri(@AuthenticationPrincipal Actor actor, @Valid @RequestBody ImageDataUri body) {
        Actor caller = signedIn(actor);
        return uploads.uploadUserImage(caller, IncomingFile.fromDataUri(body.image(), MediaUploads.IMAGE_LIMIT_BYTES));
    }

    @Operation(summary = "Upload any file of your own (multipart field `file`, at most 100 MB)")
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public FileStored upload(@AuthenticationPrincipal Actor actor, @RequestPart("file") MultipartFile file) {
        return uploads.uploadUserFile(signedIn(actor), IncomingFile.of(file));
    }

    @Operation(summary = "Upload a file to send with a message (multipart field `file`, and `name` shown to the "
            + "recipient): an image at most 10 MB, any other file at most 25 MB",
            description = "Answers {url, key, name, type}, what a message's attachments[] entry takes (API.md §13); "
                    + "a message accepts only its sender's files uploaded here.")
    @PostMapping(path = "/message-attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public MessageAttachmentStored uploadMessageAttachment(@AuthenticationPrincipal Actor actor,
                                                           @RequestPart("file") MultipartFile file,
                                                           @RequestPart(name = "name", required = false) String name) {
        return uploads.uploadMessageAttachment(signedIn(actor), IncomingFile.of(file),
                name != null ? name : file.getOriginalFilename());
    }

    @Operation(summary = "Upload the video of a reel for your product (video/*, at most 100 MB)")
    @PostMapping(path = "/reels/{productId}/video", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public ReelVideoUploaded uploadReelVideo(@AuthenticationPrincipal Actor actor, @PathVariable String productId,
                                             @RequestPart("file") MultipartFile file) {
        return uploads.uploadReelVideo(signedIn(actor), ProductId.of(productId), IncomingFile.of(file));
    }

    @Operation(summary = "Delete a stored file: your own uploads, your products' files, or anything for an admin",
            description = "The key as path segments (products/…/images/….png) or with its slashes encoded (products%2F…).")
    @DeleteMapping("/files/{*key}")
    public FileDeleted delete(@AuthenticationPrincipal Actor actor, @PathVariable String key) {
        return uploads.delete(signedIn(actor), StorageKey.fromPath(key));
    }

    /** {@code product_id} for the product kinds, {@code service_id} for the service kinds, neither for a portfolio's. */
    public record PresignRequest(
            @NotNull UploadKind kind,
            @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String productId,
            @Pattern(regexp = Ids.UUID_PATTERN, message = "must be a UUID") String serviceId,
            @NotBlank String contentType,
            @NotNull @Positive Long size) {
    }

    @Operation(summary = "Get a URL to PUT a product image or service cover or portfolio image (≤10 MB), or a reel, "
            + "service or portfolio video (≤100 MB) straight to storage")
    @PostMapping(path = "/presign", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PresignedUpload presign(@AuthenticationPrincipal Actor actor, @Valid @RequestBody PresignRequest body) {
        return uploads.presign(signedIn(actor), body.kind(),
                body.productId() == null ? null : ProductId.of(body.productId()),
                body.serviceId() == null ? null : ServiceId.of(body.serviceId()), body.contentType(), body.size());
    }

    /** Guests get 401 here even when the security chain lets the request through. */
    private static Actor signedIn(Actor actor) {
        if (actor == null) {
            throw new AuthenticationCredentialsNotFoundException("Unauthorized");
        }
        return actor;
    }
}

package dz.zst.command.storage;

import dz.zst.command.storage.LocalFileStorage.SignedUpload;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local storage's answer to a bucket's presigned PUT: the URL handed out by
 * {@code POST /api/v1/storage/presign}. Like a bucket it answers an empty 200.
 */
@Hidden
@RestController
@Conditional(StorageConfiguration.UsesLocalFiles.class)
public class LocalUploadController {

    private final LocalFileStorage storage;

    public LocalUploadController(LocalFileStorage storage) {
        this.storage = storage;
    }

    @PutMapping(LocalFileStorage.UPLOAD_PATH + "{*key}")
    public ResponseEntity<Void> upload(@PathVariable String key,
                                       @RequestParam("content_type") String contentType,
                                       @RequestParam long size,
                                       @RequestParam long expires,
                                       @RequestParam String signature,
                                       @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String sentType,
                                       HttpServletRequest request) throws IOException {
        storage.receiveSignedUpload(new SignedUpload(StorageKey.fromPath(key), contentType, size, expires, signature),
                sentType, request.getContentLengthLong(), request.getInputStream());
        return ResponseEntity.ok().build();
    }
}

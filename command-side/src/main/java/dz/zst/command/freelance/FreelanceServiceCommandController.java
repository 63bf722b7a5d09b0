package dz.zst.command.freelance;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.command.storage.IncomingFile;
import dz.zst.command.storage.MediaFormat;
import dz.zst.command.storage.MediaUploads;
import dz.zst.command.storage.StorageKeys;
import dz.zst.command.storage.StorageResponses.ProductImageUploaded;
import dz.zst.command.storage.StorageResponses.ReelVideoUploaded;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceCoverCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangeServiceVideoCommand;
import dz.zst.domain.freelance.FreelanceCommands.CreateServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.DeleteServiceCommand;
import dz.zst.domain.freelance.FreelanceCommands.UpdateServiceCommand;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.groups.Default;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A freelancer's service writes (API.md §10). Each answers once the freelance read model reflects it. */
@RestController
@RequestMapping("/api/v1/freelancer/services")
@Tag(name = "Freelance")
public class FreelanceServiceCommandController {

    private final ConsistentWrites writes;
    private final MediaUploads uploads;

    public FreelanceServiceCommandController(ConsistentWrites writes, MediaUploads uploads) {
        this.writes = writes;
        this.uploads = uploads;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a service (freelancers; others 403)",
            description = "title ≤200, description? ≤5000, category, tags? (≤30), price_basic, basic_description and "
                    + "basic_delivery_days (1–365) required; a standard or premium tier needs its price and delivery "
                    + "days when any of its fields is given. The slug is the title's kebab case plus a unique suffix.")
    public ServiceView create(@AuthenticationPrincipal Actor actor,
                              @Validated({FreelanceRequests.OnCreate.class, Default.class})
                              @RequestBody FreelanceRequests.ServiceBody body) {
        if (body.coverImageUrl() != null || body.videoUrl() != null) {
            throw new IllegalArgumentException("cover_image_url and video_url are set once the service exists: upload "
                    + "them to …/{id}/cover and …/{id}/video, or PATCH them after a presigned upload");
        }
        ServiceId id = ServiceId.random();
        writes.send(new CreateServiceCommand(id, actor, body.toDetails()), id.toString(), ReadModel.FREELANCE_SERVICES);
        return writes.ask(new FindServiceQuery(id), ServiceView.class);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update your service (its freelancer or an admin); any subset of the fields",
            description = "cover_image_url and video_url take media you uploaded for this service through POST "
                    + "/api/v1/storage/presign (kind service-cover, service-video); any other URL is 400.")
    public ServiceView update(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                              @Validated @RequestBody FreelanceRequests.ServiceBody body) {
        ServiceId serviceId = ServiceId.of(id);
        String folder = StorageKeys.FREELANCE + "/" + actor.userId() + "/services/" + serviceId + "/";
        if (body.coverImageUrl() != null) {
            uploads.requireOwnMedia(body.coverImageUrl(), folder, MediaFormat.Family.IMAGE, "cover_image_url");
        }
        if (body.videoUrl() != null) {
            uploads.requireOwnMedia(body.videoUrl(), folder, MediaFormat.Family.VIDEO, "video_url");
        }
        writes.send(new UpdateServiceCommand(serviceId, actor, body.toPatch()), serviceId.toString(),
                ReadModel.FREELANCE_SERVICES);
        if (body.coverImageUrl() != null) {
            writes.send(new ChangeServiceCoverCommand(serviceId, actor, body.coverImageUrl(), null),
                    serviceId.toString(), ReadModel.FREELANCE_SERVICES);
        }
        if (body.videoUrl() != null) {
            writes.send(new ChangeServiceVideoCommand(serviceId, actor, body.videoUrl()), serviceId.toString(),
                    ReadModel.FREELANCE_SERVICES);
        }
        return writes.ask(new FindServiceQuery(serviceId), ServiceView.class);
    }

    @PostMapping(path = "/{id}/cover", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload your service's cover (multipart `file`, image/*, at most 10 MB); a 400×400 thumbnail "
            + "is made")
    public ProductImageUploaded cover(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                      @RequestPart("file") MultipartFile file) {
        return uploads.uploadServiceCover(actor, ServiceId.of(id), IncomingFile.of(file));
    }

    @PostMapping(path = "/{id}/video", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload your service's intro video (multipart `file`, video/*, at most 100 MB)")
    public ReelVideoUploaded video(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                   @RequestPart("file") MultipartFile file) {
        return uploads.uploadServiceVideo(actor, ServiceId.of(id), IncomingFile.of(file));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your service (its freelancer or an admin); its orders keep what they ordered")
    public Map<String, String> delete(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ServiceId serviceId = ServiceId.of(id);
        writes.send(new DeleteServiceCommand(serviceId, actor), serviceId.toString(), ReadModel.FREELANCE_SERVICES);
        return Map.of("message", "Service deleted successfully", "id", serviceId.toString());
    }
}

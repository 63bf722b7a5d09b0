package dz.zst.command.freelance;

import dz.zst.command.shared.ConsistentWrites;
import dz.zst.command.storage.IncomingFile;
import dz.zst.command.storage.MediaFormat;
import dz.zst.command.storage.MediaUploads;
import dz.zst.command.storage.StorageKeys;
import dz.zst.domain.freelance.FreelanceCommands.AddPortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceCommands.ChangePortfolioThumbnailCommand;
import dz.zst.domain.freelance.FreelanceCommands.RemovePortfolioItemCommand;
import dz.zst.domain.freelance.FreelanceQueries.FindPortfolioItemQuery;
import dz.zst.domain.freelance.FreelanceQueries.FindServiceQuery;
import dz.zst.domain.freelance.FreelanceViews.PortfolioItemView;
import dz.zst.domain.freelance.FreelanceViews.ServiceView;
import dz.zst.domain.freelance.PortfolioItemId;
import dz.zst.domain.freelance.PortfolioMediaType;
import dz.zst.domain.freelance.ServiceId;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.ForbiddenException;
import dz.zst.domain.shared.Ids;
import dz.zst.domain.shared.InvalidFieldException;
import dz.zst.domain.shared.NotFoundException;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A freelancer's portfolio writes (API.md §10): items uploaded with their media (multipart, as the
 * app's form sends them) or naming media uploaded through a presigned URL, which must be the
 * freelancer's own under {@code freelance/{id}/portfolio/}. Each answers once the read model shows it.
 */
@RestController
@RequestMapping("/api/v1/freelancer/portfolio")
@Tag(name = "Freelance")
public class PortfolioCommandController {

    private final ConsistentWrites writes;
    private final MediaUploads uploads;

    public PortfolioCommandController(ConsistentWrites writes, MediaUploads uploads) {
        this.writes = writes;
        this.uploads = uploads;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an item to your portfolio (freelancers): multipart `file` (an image ≤10 MB, a 400×400 "
            + "thumbnail made, or a video ≤100 MB) with `type` image|video, `title?` ≤200, `description?` ≤1000, "
            + "`service_id?` (one of your services), `display_order?` 0–10000")
    public PortfolioItemView upload(@AuthenticationPrincipal Actor actor, @RequestPart("file") MultipartFile file,
                                    @RequestParam("type") String type,
                                    @RequestParam(name = "title", required = false) String title,
                                    @RequestParam(name = "description", required = false) String description,
                                    @RequestParam(name = "service_id", required = false) String serviceId,
                                    @RequestParam(name = "display_order", required = false) Integer displayOrder) {
        requireFreelancer(actor);
        PortfolioMediaType mediaType = PortfolioMediaType.fromWire(type);
        ServiceId service = ownService(actor, serviceId);
        PortfolioItemId itemId = PortfolioItemId.random();
        uploads.uploadPortfolioMedia(actor, mediaType, IncomingFile.of(file), (url, thumbnail) ->
                new AddPortfolioItemCommand(itemId, actor, mediaType, url, thumbnail, title, description, service,
                        displayOrder == null ? 0 : displayOrder));
        writes.awaitStored(ReadModel.FREELANCE_PORTFOLIO, itemId.toString());
        return find(itemId);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an item whose media you uploaded through POST /api/v1/storage/presign (kind "
            + "portfolio-image or portfolio-video): `{type, media_url, title?, description?, service_id?, "
            + "display_order?}`; a media_url that is not yours is 400")
    public PortfolioItemView create(@AuthenticationPrincipal Actor actor,
                                    @Validated @RequestBody FreelanceRequests.PortfolioItemBody body) {
        requireFreelancer(actor);
        uploads.requireOwnMedia(body.mediaUrl(), StorageKeys.FREELANCE + "/" + actor.userId() + "/portfolio/",
                body.type() == PortfolioMediaType.IMAGE ? MediaFormat.Family.IMAGE : MediaFormat.Family.VIDEO,
                "media_url");
        PortfolioItemId itemId = PortfolioItemId.random();
        writes.send(new AddPortfolioItemCommand(itemId, actor, body.type(), body.mediaUrl(), null, body.title(),
                body.description(), ownService(actor, body.serviceId()),
                body.displayOrder() == null ? 0 : body.displayOrder()), itemId.toString(),
                ReadModel.FREELANCE_PORTFOLIO);
        return find(itemId);
    }

    @PostMapping(path = "/{id}/thumbnail", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload the thumbnail of your portfolio item (a video's poster): multipart `file`, image/*, "
            + "at most 10 MB, cut to 400×400")
    public PortfolioItemView thumbnail(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                                       @RequestPart("file") MultipartFile file) {
        PortfolioItemId itemId = PortfolioItemId.of(id);
        PortfolioItemView item = item(itemId);
        if (!actor.is(UserId.of(item.freelancerId()))) {
            throw new ForbiddenException("Only the item's freelancer can change its thumbnail");
        }
        uploads.uploadPortfolioThumbnail(actor, IncomingFile.of(file),
                url -> new ChangePortfolioThumbnailCommand(itemId, actor, url));
        writes.awaitStored(ReadModel.FREELANCE_PORTFOLIO, itemId.toString());
        return find(itemId);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an item of your portfolio (its freelancer or an admin)")
    public void delete(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        PortfolioItemId itemId = PortfolioItemId.of(id);
        writes.send(new RemovePortfolioItemCommand(itemId, actor), itemId.toString(), ReadModel.FREELANCE_PORTFOLIO);
    }

    /** The item as its row shows it once every event stored for it is folded (404 for none). */
    private PortfolioItemView item(PortfolioItemId itemId) {
        writes.awaitReadModel(ReadModel.FREELANCE_PORTFOLIO, itemId.toString());
        return find(itemId);
    }

    private PortfolioItemView find(PortfolioItemId itemId) {
        return writes.ask(new FindPortfolioItemQuery(itemId), PortfolioItemView.class);
    }

    /** Refused before any file is stored; the aggregate decides again. */
    private static void requireFreelancer(Actor actor) {
        if (actor.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers have a portfolio");
        }
    }

    /** The item's service, which must be one of the caller's (else 400 naming service_id); null for none. */
    private ServiceId ownService(Actor actor, String serviceId) {
        if (serviceId == null || serviceId.isBlank()) {
            return null;
        }
        ServiceId id = new ServiceId(Ids.parseArgument(serviceId, "service_id"));
        try {
            ServiceView service = writes.ask(new FindServiceQuery(id), ServiceView.class);
            if (actor.is(UserId.of(service.freelancerId()))) {
                return id;
            }
        } catch (NotFoundException missing) {
            // told below as the field's error, not as a missing route
        }
        throw new InvalidFieldException("service_id", "service_id must be one of your services");
    }
}

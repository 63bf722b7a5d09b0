package dz.zst.command.freelance;

import dz.zst.command.shared.ConsistentWrites;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A freelancer's service writes (API.md §10). Each answers once the freelance read model reflects it. */
@RestController
@RequestMapping("/api/v1/freelancer/services")
@Tag(name = "Freelance")
public class FreelanceServiceCommandController {

    private final ConsistentWrites writes;

    public FreelanceServiceCommandController(ConsistentWrites writes) {
        this.writes = writes;
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
        ServiceId id = ServiceId.random();
        writes.send(new CreateServiceCommand(id, actor, body.toDetails()), id.toString(), ReadModel.FREELANCE_SERVICES);
        return writes.ask(new FindServiceQuery(id), ServiceView.class);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update your service (its freelancer or an admin); any subset of the fields")
    public ServiceView update(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id,
                              @Validated @RequestBody FreelanceRequests.ServiceBody body) {
        ServiceId serviceId = ServiceId.of(id);
        writes.send(new UpdateServiceCommand(serviceId, actor, body.toPatch()), serviceId.toString(),
                ReadModel.FREELANCE_SERVICES);
        return writes.ask(new FindServiceQuery(serviceId), ServiceView.class);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your service (its freelancer or an admin); its orders keep what they ordered")
    public Map<String, String> delete(@AuthenticationPrincipal Actor actor, @PathVariable("id") String id) {
        ServiceId serviceId = ServiceId.of(id);
        writes.send(new DeleteServiceCommand(serviceId, actor), serviceId.toString(), ReadModel.FREELANCE_SERVICES);
        return Map.of("message", "Service deleted successfully", "id", serviceId.toString());
    }
}

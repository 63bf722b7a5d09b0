package dz.zst.command.users;

import com.fasterxml.jackson.annotation.JsonAlias;
import dz.zst.domain.shared.Actor;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.ProfileChanges;
import dz.zst.domain.users.UserCommands.ChangeUserRoleCommand;
import dz.zst.domain.users.UserCommands.UpdateUserProfileCommand;
import dz.zst.domain.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Writes of API.md §2: a user's own role and profile, and an admin's role changes. */
@RestController
@Tag(name = "Users", description = "Your account: role, seller tier and profile; an admin's role changes")
public class UserCommandController {

    private final UserCommandSender sender;

    public UserCommandController(UserCommandSender sender) {
        this.sender = sender;
    }

    public record RoleRequest(@NotBlank String role, @JsonAlias("sellerCategory") String sellerCategory) {
        ChangeUserRoleCommand toCommand(UserId userId, Actor requestedBy) {
            SellerCategory category = sellerCategory == null ? null : SellerCategory.fromWire(sellerCategory);
            return new ChangeUserRoleCommand(userId, Role.fromWire(role), category, requestedBy);
        }
    }

    public record ProfileRequest(String fullName, String phone, String wilaya, String bio, String avatarUrl,
                                 String pushToken) {
        ProfileChanges toChanges() {
            return new ProfileChanges(fullName, phone, wilaya, bio, avatarUrl, pushToken);
        }
    }

    public record RoleSummary(UUID id, Role role, SellerCategory sellerCategory) {
    }

    public record RoleSyncResponse(boolean success, String message, RoleSummary user) {
    }

    @PostMapping({"/api/v1/auth/sync-role", "/api/v1/auth/register"})
    @Operation(summary = "Choose your role (customer or seller, with a seller tier); the two paths are the same route")
    public RoleSyncResponse syncRole(@AuthenticationPrincipal Actor actor, @Valid @RequestBody RoleRequest request) {
        UserView user = sender.send(actor.userId(), request.toCommand(actor.userId(), actor));
        return new RoleSyncResponse(true, "Role updated successfully",
                new RoleSummary(user.id(), user.role(), user.sellerCategory()));
    }

    @PatchMapping("/api/v1/auth/me")
    @Operation(summary = "Change your profile (name, phone, wilaya, bio, avatar, push token); absent fields are kept")
    public UserView updateProfile(@AuthenticationPrincipal Actor actor, @RequestBody ProfileRequest request) {
        return sender.send(actor.userId(), new UpdateUserProfileCommand(actor.userId(), request.toChanges()));
    }

    @PatchMapping("/api/v1/admin/users/{id}")
    @Operation(summary = "Change a user's role and seller tier (admins)")
    public UserView changeRole(@AuthenticationPrincipal Actor actor, @PathVariable String id,
                               @Valid @RequestBody RoleRequest request) {
        UserId userId = UserId.of(id);
        return sender.send(userId, request.toCommand(userId, actor));
    }
}

package dz.zst.app.security;

import dz.zst.command.users.UserCommandSender;
import dz.zst.domain.shared.DomainException;
import dz.zst.domain.shared.ReadModel;
import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.UserId;
import dz.zst.domain.users.UserCommands.GrantAdminRoleCommand;
import dz.zst.domain.users.UserCommands.RegisterUserCommand;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a verified identity into the platform user behind it: creates the user on first sight,
 * promotes configured admin emails, and keeps recent answers in memory for a few seconds so a
 * request costs no query. Each entry carries its user's row generation in the users read model
 * (read from Redis before the query); every committed change of that user changes it, so a role
 * change or a deactivation takes effect on every node with the next request. Per user, not the
 * read model's: with one generation for all, every sign-up anywhere emptied every node's cache
 * (in the hot-reel bench, each round's new seller made every like of the next round a query).
 */
@Component
public class ActorResolver {

    private static final Logger log = LoggerFactory.getLogger(ActorResolver.class);
    private static final int MAX_ENTRIES = 10_000;

    /** A user as last read, with the generation it was read at, until when it may be kept, and when it was last found current. */
    private record Entry(UserView user, String generation, long expiresAt, long verifiedAt) {
    }

    private final Map<UserId, Entry> cache = new ConcurrentHashMap<>();
    private final StringRedisTemplate redis;
    private final QueryGateway queryGateway;
    private final UserCommandSender sender;
    private final Set<String> adminEmails;
    private final long ttlNanos;

    public ActorResolver(StringRedisTemplate redis, QueryGateway queryGateway, UserCommandSender sender,
                         @Value("${zst.admin-emails:}") String adminEmails,
                         @Value("${zst.user-cache-ttl:10s}") Duration ttl) {
        this.redis = redis;
        this.queryGateway = queryGateway;
        this.sender = sender;
        this.adminEmails = Arrays.stream(adminEmails.split(",")).map(ActorResolver::normalize)
                .filter(email -> !email.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.ttlNanos = ttl.toNanos();
    }

    public UserView resolve(Identity identity) {
        return resolve(identity, UserId.forExternalSubject(identity.subject()));
    }

    /** As {@link #resolve(Identity)}, for the user {@code userId} of {@code identity}, known already. */
    private UserView resolve(Identity identity, UserId userId) {
        return resolveAt(identity, userId, generationOf(userId));
    }

    /**
     * As {@link #resolve(Identity)}, for the user {@code userId} of {@code identity}, with the
     * user's generation (the value of {@link #generationKey(UserId)}, null when absent) read by the
     * caller before this call, in a Redis round trip it makes anyway (the catalog shortcut's MGET).
     */
    public UserView resolve(Identity identity, UserId userId, String generation) {
        return resolveAt(identity, userId, String.valueOf(generation));
    }

    /**
     * As {@link #resolve(Identity)}, for the user {@code userId} of {@code identity}, but an answer found current within the last
     * {@code within} is given again without reading the generation: for answers that change
     * nothing and tell the user nothing it could not see that long ago (a hopeless bid's refusal),
     * where the Redis round trip was a sixth of the answer's cost. A role change or a deactivation
     * reaches them within {@code within}.
     */
    public UserView resolveRecent(Identity identity, UserId userId, Duration within) {
        Entry entry = cache.get(userId);
        long now = System.nanoTime();
        if (entry != null && entry.expiresAt() - now > 0 && now - entry.verifiedAt() <= within.toNanos()) {
            return entry.user();
        }
        return resolve(identity, userId);
    }

    /** The Redis key of a user's generation (see {@link #resolve(Identity, UserId, String)}). */
    public static String generationKey(UserId userId) {
        return ReadModel.USERS.generationKey(userId.value());
    }

    private UserView resolveAt(Identity identity, UserId userId, String generation) {
        Entry entry = cache.get(userId);
        long now = System.nanoTime();
        if (entry != null && entry.expiresAt() - now > 0 && entry.generation().equals(generation)) {
            cache.replace(userId, entry, new Entry(entry.user(), generation, entry.expiresAt(), now));
            return entry.user();
        }
        UserView user = find(userId).orElseGet(() -> register(userId, identity));
        String email = identity.email() != null ? identity.email() : user.email();
        if (user.isActive() && user.role() != Role.ADMIN && email != null && adminEmails.contains(normalize(email))) {
            user = sender.send(userId, new GrantAdminRoleCommand(userId));
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(userId, new Entry(user, generation, now + ttlNanos, now));
        return user;
    }

    /** Without Redis nothing can be cached safely: a fresh value per call makes every lookup a query. */
    private String generationOf(UserId userId) {
        try {
            return String.valueOf(redis.opsForValue().get(generationKey(userId)));
        } catch (RuntimeException e) {
            log.debug("users generation unavailable, not caching", e);
            return "unavailable-" + System.nanoTime();
        }
    }

    private UserView register(UserId userId, Identity identity) {
        try {
            return sender.send(userId, registration(userId, identity));
        } catch (IllegalArgumentException | DomainException e) {
            // A claim the platform can't store (odd email, non-web picture) must not lock the person out.
            return sender.send(userId, registration(userId, identity.withoutOptionalClaims()));
        }
    }

    private static RegisterUserCommand registration(UserId userId, Identity identity) {
        return new RegisterUserCommand(userId, identity.subject(), identity.email(), identity.fullName(),
                identity.avatarUrl());
    }

    private Optional<UserView> find(UserId userId) {
        return queryGateway.query(new FindUserQuery(userId), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }

    private static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

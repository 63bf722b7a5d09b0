package dz.zst.query.users;

import dz.zst.domain.shared.Role;
import dz.zst.domain.shared.SellerCategory;
import dz.zst.domain.users.UserQueries.FindUserByClerkIdQuery;
import dz.zst.domain.users.UserQueries.FindUserQuery;
import dz.zst.domain.users.UserView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers user queries from the users read model. */
@Component
public class UserQueryHandler {

    private static final String SELECT = """
            SELECT id, clerk_id, email, full_name, avatar_url, phone, wilaya, bio, role, seller_category,
                   is_verified, is_active, push_token, created_at, updated_at, version
            FROM users
            """;

    private final JdbcClient jdbc;

    public UserQueryHandler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserQuery query) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(query.userId().value())
                .query(UserQueryHandler::row).optional();
    }

    @QueryHandler
    public Optional<UserView> handle(FindUserByClerkIdQuery query) {
        return jdbc.sql(SELECT + " WHERE clerk_id = ?").param(query.clerkId())
                .query(UserQueryHandler::row).optional();
    }

    private static UserView row(ResultSet rs, int rowNum) throws SQLException {
        String category = rs.getString("seller_category");
        return new UserView(rs.getObject("id", UUID.class), rs.getString("clerk_id"),
                rs.getString("email"), rs.getString("full_name"), rs.getString("avatar_url"), rs.getString("phone"),
                rs.getString("wilaya"), rs.getString("bio"), Role.fromWire(rs.getString("role")),
                category == null ? null : SellerCategory.fromWire(category), rs.getBoolean("is_verified"),
                rs.getBoolean("is_active"), rs.getString("push_token"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));
    }
}

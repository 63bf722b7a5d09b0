package dz.zst.app.migration;

import dz.zst.domain.catalog.ProductSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Recomputes the products read model's search text after the folding began to make quotes plain
 * ({@code ’} and {@code '} fold alike): rows folded before kept {@code ’}, which no query folds to
 * any more. In Java, because the folding is domain-core's ({@link ProductSearch}) and SQL's
 * normalize() and lower() would not give the same text. Spring Boot hands Flyway the
 * {@code JavaMigration} beans; the version comes from the class name.
 */
@Component
public class V7__Refold_product_search_text extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        refold(context.getConnection());
    }

    /** Rewrites the rows whose stored text differs from today's folding; answers how many. */
    public static int refold(Connection connection) throws SQLException {
        int changed = 0;
        try (Statement select = connection.createStatement();
             PreparedStatement update = connection.prepareStatement("UPDATE products SET search_text = ? WHERE id = ?")) {
            select.setFetchSize(1_000);
            try (ResultSet rows = select.executeQuery("SELECT id, name, brand, search_text FROM products")) {
                while (rows.next()) {
                    String text = ProductSearch.text(rows.getString("name"), rows.getString("brand"));
                    if (!text.equals(rows.getString("search_text"))) {
                        update.setString(1, text);
                        update.setObject(2, rows.getObject("id"));
                        update.addBatch();
                        if (++changed % 1_000 == 0) {
                            update.executeBatch();
                        }
                    }
                }
            }
            update.executeBatch();
        }
        return changed;
    }
}

package dz.zst.app.infra;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A JVM of its own for {@link EmbeddedServersCrashTest}: the embedded default on the data folder
 * {@code args[0]} exactly as the application boots it, a note written to the database when given
 * ({@code args[1]}), then "READY" with every note the database holds. A line "stop" on stdin
 * closes its (empty) application context, which is what stops the servers.
 */
public final class EmbeddedDataFolderMain {

    private EmbeddedDataFolderMain() {
    }

    public static void main(String[] args) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("args", Map.of("zst.data-dir", args[0])));
        SpringApplication application = new SpringApplication();
        new EmbeddedInfrastructure().postProcessEnvironment(env, application);
        GenericApplicationContext context = new GenericApplicationContext();
        for (ApplicationContextInitializer<?> initializer : application.getInitializers()) {
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<ConfigurableApplicationContext> typed =
                    (ApplicationContextInitializer<ConfigurableApplicationContext>) initializer;
            typed.initialize(context);
        }
        context.refresh();
        String notes;
        try (Connection connection = DriverManager.getConnection(env.getRequiredProperty("spring.datasource.url"));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS survivor (note text)");
            if (args.length > 1) {
                statement.execute("INSERT INTO survivor VALUES ('" + args[1] + "')");
            }
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(string_agg(note, ',' ORDER BY note), '') FROM survivor")) {
                rows.next();
                notes = rows.getString(1);
            }
        }
        System.out.println("READY notes=" + notes + " redis=" + env.getRequiredProperty("spring.data.redis.port"));
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null && !line.equals("stop")) {
            // waits to be killed or told to stop
        }
        context.close();
        System.out.println("STOPPED");
        System.out.flush();
    }
}

package dz.zst.app.b2b;

import dz.zst.app.ZstApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in a JVM of its own for {@link B2BAuctionRestartTest}: the test profile on the
 * data folder {@code args[0]}, random ports, then "READY port=N". A line "stop" on stdin closes the
 * context (web server, event processors, db-scheduler, then the embedded servers) and the JVM exits,
 * which is also what releases zonky's lock on the folder (held until the JVM that took it exits).
 */
public final class PlatformMain {

    private PlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ZstApplication.class).profiles("test")
                .run("--zst.data-dir=" + args[0], "--server.port=0", "--management.server.port=0");
        System.out.println("READY port=" + ((WebServerApplicationContext) context).getWebServer().getPort());
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = stdin.readLine()) != null && !line.equals("stop")) {
            // waits to be told to stop
        }
        context.close();
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }
}

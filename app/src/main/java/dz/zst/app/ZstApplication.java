package dz.zst.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The only Spring Boot application: it assembles the command side, projections and query side. */
@SpringBootApplication(scanBasePackages = "dz.zst")
public class ZstApplication {
    static {
        // Axon's update checker reads only this system property; this machine's network is closed.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(ZstApplication.class, args);
    }
}

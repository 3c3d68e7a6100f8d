package dk.sdu.im.server.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, as the build wrote it into {@code version.properties}; "unknown" if it cannot be read. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package dk.sdu.im.compute.app;

import java.util.List;
import java.util.Objects;

/**
 * {@code tool.description.loadInstructions}: which of the site's native applications the tool needs.
 *
 * @param type         {@code Native} is the only type Core defines today
 * @param applications the applications, by name and version, in the order to load them
 */
public record LoadInstructions(String type, List<NativeApplication> applications) {
    /** The one type Core defines. */
    public static final String NATIVE = "Native";

    public LoadInstructions {
        type = type == null ? "" : type;
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    /** One native application; the site maps {@link #key()} to its load lines. */
    public record NativeApplication(String name, String version) {
        public NativeApplication {
            Objects.requireNonNull(name, "loadInstructions.applications[].name");
            version = version == null ? "" : version;
        }

        /** {@code name@version}, the key of the site's mapping. */
        public String key() {
            return name + "@" + version;
        }
    }
}

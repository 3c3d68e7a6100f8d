package dk.sdu.im.compute.app;

import java.util.Objects;

/** {@code status.resolvedApplication}: the application's name and version, and how to invoke it. */
public record Application(Metadata metadata, ApplicationInvocation invocation) {
    public Application {
        Objects.requireNonNull(metadata, "application.metadata");
        Objects.requireNonNull(invocation, "application.invocation");
    }

    /** {@code metadata}: name and version identify the application in UCloud's catalogue. */
    public record Metadata(String name, String version) {
        public Metadata {
            name = name == null ? "" : name;
            version = version == null ? "" : version;
        }
    }
}

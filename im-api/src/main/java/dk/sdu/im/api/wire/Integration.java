package dk.sdu.im.api.wire;

/** Integration calls of contract section 3.2 and the manifest of 3.1. */
public final class Integration {
    private Integration() {
    }

    /** {@code {"enabled":true,"expireAfterMs":null}}. */
    public record Manifest(boolean enabled, Long expireAfterMs) {
    }

    /** The body of {@code connect}, {@code unlinked}, {@code init} and of approve/clearConnection. */
    public record UsernameRequest(String username) {
    }

    /** {@code {"redirectTo":"<absolute URL>"}}. */
    public record ConnectResponse(String redirectTo) {
    }
}

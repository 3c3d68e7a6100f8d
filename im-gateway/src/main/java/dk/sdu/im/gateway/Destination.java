package dk.sdu.im.gateway;

/**
 * Who serves a request: IM/Server (system calls and {@code integration/init}) or one user's instance.
 * Also names the errors the client sees when that backend fails, so the texts live in one place.
 */
sealed interface Destination {
    /** IM/Server, for every request without a user. */
    record SystemBackend() implements Destination {
    }

    /** The instance of one UCloud user. */
    record UserInstance(String ucloudUsername) implements Destination {
    }

    Destination SYSTEM = new SystemBackend();

    default GatewayError unreachable() {
        return new GatewayError(502, switch (this) {
            case SystemBackend s -> "The integration module is not reachable";
            case UserInstance u -> "The user's instance could not be reached";
        });
    }

    default GatewayError invalidResponse() {
        return new GatewayError(502, switch (this) {
            case SystemBackend s -> "The integration module sent an invalid response";
            case UserInstance u -> "The user's instance sent an invalid response";
        });
    }

    default GatewayError timedOut() {
        return new GatewayError(504, switch (this) {
            case SystemBackend s -> "The integration module did not answer in time";
            case UserInstance u -> "The user's instance did not answer in time";
        });
    }
}

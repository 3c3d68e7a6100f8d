package dk.sdu.im.server.ucloud;

import dk.sdu.im.api.Json;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** Real {@link CoreClient}s with a provider's credentials, as IM/Server builds them, for tests against FakeCore. */
public final class FakeCoreClients {
    private FakeCoreClients() {
    }

    /** A client of {@code core} that refreshes its access tokens with the provider's refresh token. */
    public static CoreClient connect(FakeCore core, Provider provider) {
        return connect(core.baseUri(), provider);
    }

    /** A client of whatever listens at {@code base} (nothing, for a UCloud that cannot be reached). */
    public static CoreClient connect(URI base, Provider provider) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var mapper = Json.boundaryMapper();
        var tokens = new AccessTokens(base, provider.refreshToken(), http, mapper, Clock.systemUTC(),
                Duration.ofMinutes(3));
        return new CoreClient(base, http, mapper, tokens);
    }
}

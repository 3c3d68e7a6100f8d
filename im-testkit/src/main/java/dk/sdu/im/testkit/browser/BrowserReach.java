package dk.sdu.im.testkit.browser;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where an emulated browser sends what a provider's URL names. Through a gateway every URL is used as it is
 * ({@link #asIs}). A test that serves an instance's two listeners without a gateway maps the provider's public URL
 * onto them ({@link #listeners}), as the frontend itself maps its development host
 * ({@code endpoint.replace("integration-module:8889", "localhost:9000")}) before it opens an endpoint.
 *
 * @param posts the URL a CHUNKED {@code POST} goes to
 * @param upgrades the URL a WebSocket is opened on (still http(s): the browser turns it into ws(s) itself)
 * @param downloads the URL a download is fetched from
 */
public record BrowserReach(UnaryOperator<String> posts, UnaryOperator<String> upgrades, UnaryOperator<String> downloads) {
    public BrowserReach {
        Objects.requireNonNull(posts, "posts");
        Objects.requireNonNull(upgrades, "upgrades");
        Objects.requireNonNull(downloads, "downloads");
    }

    /** Every URL as the provider handed it out: the browser talks to the gateway. */
    public static BrowserReach asIs() {
        return new BrowserReach(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * {@code publicUrl} replaced by {@code http} for CHUNKED posts (the instance's HTTP listener) and by
     * {@code sockets} for upgrades and downloads (its socket listener), as a gateway would route them.
     */
    public static BrowserReach listeners(String publicUrl, String http, String sockets) {
        return new BrowserReach(url -> url.replace(publicUrl, http), url -> url.replace(publicUrl, sockets),
                url -> url.replace(publicUrl, sockets));
    }
}

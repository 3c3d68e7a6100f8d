package dk.sdu.im.testkit.browser;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where an emulated browser sends what a provider's URL names (CHUNKED posts, WebSocket upgrades, downloads).
 * Through a gateway every URL is used as it is ({@link #asIs}). A test that serves an instance without a gateway
 * maps the provider's public URL onto the instance's one port ({@link #instance}), as the frontend itself maps its
 * development host ({@code endpoint.replace("integration-module:8889", "localhost:9000")}) before it opens an
 * endpoint.
 *
 * @param url turns a URL the provider handed out into the one the browser uses (still http(s) for an upgrade:
 *     the browser turns it into ws(s) itself)
 */
public record BrowserReach(UnaryOperator<String> url) {
    public BrowserReach {
        Objects.requireNonNull(url, "url");
    }

    /** Every URL as the provider handed it out: the browser talks to the gateway. */
    public static BrowserReach asIs() {
        return new BrowserReach(UnaryOperator.identity());
    }

    /** {@code publicUrl} replaced by {@code instanceUrl}, which serves everything a gateway would route to it. */
    public static BrowserReach instance(String publicUrl, String instanceUrl) {
        return new BrowserReach(url -> url.replace(publicUrl, instanceUrl));
    }
}

package dk.sdu.im.gateway;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * Decides from a request head alone whom the request is for (DESIGN 3). Pure: it reads no routes and
 * starts nothing; {@link Backends} turns the decision into an address.
 *
 * <p>Rules, in order: {@code POST /ucloud/<id>/integration/init} goes to IM/Server whatever headers it
 * carries (provider API 1.4: UCloud sends it with the username of the call being retried); then the
 * {@code ucloud-username} header names the user; without it, the {@code usernameHint} query parameter;
 * without either, IM/Server. A user value that cannot be decoded, a repeated header, or hints naming different
 * users are a 400: the gateway never guesses whose request it is. Hints naming the same user may repeat, in either
 * alphabet: the frontend appends its own to every download endpoint ({@code normalizeDownloadEndpoint}).
 */
final class Router {
    private Router() {
    }

    static Destination destination(RequestHead request) throws GatewayError {
        RequestTarget target = request.parsedTarget();
        if (isInit(request.method(), target)) {
            return Destination.SYSTEM;
        }
        List<String> header = request.headers().values("ucloud-username");
        if (!header.isEmpty()) {
            return fromHeader(header);
        }
        List<String> hints = target.parameter("usernameHint");
        return hints.isEmpty() ? Destination.SYSTEM : fromHints(hints);
    }

    static boolean isInit(String method, RequestTarget target) {
        List<String> segments = target.segments();
        return method.equals("POST") && segments.size() == 4 && segments.get(0).equals("ucloud")
                && segments.get(2).equals("integration") && segments.get(3).equals("init");
    }

    private static Destination fromHeader(List<String> values) throws GatewayError {
        if (values.size() > 1) {
            throw GatewayError.badRequest("The request has more than one ucloud-username header");
        }
        try {
            return new Destination.UserInstance(RouteKey.fromHeader(values.getFirst()));
        } catch (IllegalArgumentException e) {
            throw GatewayError.badRequest("The ucloud-username header is not valid base64 of a UTF-8 username");
        }
    }

    private static Destination fromHints(List<String> values) throws GatewayError {
        SequencedSet<String> users = new LinkedHashSet<>();
        try {
            for (String value : values) {
                users.add(RouteKey.fromHint(value));
            }
        } catch (IllegalArgumentException e) {
            throw GatewayError.badRequest("The usernameHint parameter is not valid base64 of a UTF-8 username");
        }
        if (users.size() > 1) {
            throw GatewayError.badRequest("The request names more than one user in usernameHint");
        }
        return new Destination.UserInstance(users.getFirst());
    }
}

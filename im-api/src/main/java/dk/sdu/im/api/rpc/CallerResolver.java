package dk.sdu.im.api.rpc;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.CoreTokenVerifier.TokenRejected;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Decides who a request is for, before any handler runs (DESIGN 4.3 and 4.4). The token is verified; the routing
 * value (the base64 {@code ucloud-username} header, or the {@code usernameHint} query, which may be repeated for the
 * same user) names the user, and a {@code ucloudUser} claim in the token, when present, must agree with it. Whether a
 * user call without the claim is accepted is the {@link UserClaimRule}'s to say; a verified claim is reported to it.
 */
public final class CallerResolver {
    private static final Logger LOG = Logger.getLogger(CallerResolver.class.getName());

    private final CoreTokenVerifier verifier;
    private final UserClaimRule claims;
    private final Supplier<String> owner;
    private final Rejections rejections;

    /**
     * Told of every token this resolver rejects, for the audit trail: the verifier's reason (which never quotes the
     * token) and the user the request named, unverified ({@code null} when it named none). Called on the request's
     * thread before the 401 is answered; must not block.
     */
    @FunctionalInterface
    public interface Rejections {
        Rejections NONE = (reason, claimedUser) -> { };

        void rejected(String reason, String claimedUser);
    }

    /** For IM/Server: no call is served for a particular user. */
    public CallerResolver(CoreTokenVerifier verifier, UserClaimRule claims) {
        this(verifier, claims, null, Rejections.NONE);
    }

    /** For IM/Server, telling {@code rejections} of each rejected token. */
    public CallerResolver(CoreTokenVerifier verifier, UserClaimRule claims, Rejections rejections) {
        this(verifier, claims, null, rejections);
    }

    /**
     * For IM/User: {@link Access#USER} calls are served only when their user context is {@code owner}, the
     * UCloud user IM/Server assigned to this instance (null until assigned: such calls get 503). The owner is
     * awaited before the claim rule is consulted, since the assignment tells the rule what IM/Server knows.
     */
    public CallerResolver(CoreTokenVerifier verifier, UserClaimRule claims, Supplier<String> owner) {
        this(verifier, claims, owner, Rejections.NONE);
    }

    /** For IM/User, telling {@code rejections} of each rejected token. */
    public CallerResolver(CoreTokenVerifier verifier, UserClaimRule claims, Supplier<String> owner, Rejections rejections) {
        this.verifier = verifier;
        this.claims = claims;
        this.owner = owner;
        this.rejections = java.util.Objects.requireNonNull(rejections, "rejections");
    }

    /** The caller of a WebSocket upgrade, from its Authorization and {@code ucloud-username} headers and its hints. */
    public Caller resolve(Access access, dk.sdu.im.api.http.Handshake handshake) {
        return resolve(access, handshake.header("Authorization"), handshake.header("ucloud-username"),
                new UsernameHints(handshake.queryValues("usernameHint")));
    }

    /**
     * @param authorization the Authorization header or null
     * @param usernameHeader the raw {@code ucloud-username} header or null
     * @param usernameHints every {@code usernameHint} query value (they must name one user)
     */
    public Caller resolve(Access access, String authorization, String usernameHeader, UsernameHints usernameHints) {
        if (access == Access.PUBLIC) {
            return Caller.SYSTEM;
        }
        String raw = bearer(authorization);
        var token = verify(raw, usernameHeader, usernameHints);
        Optional<String> routed = routingUser(usernameHeader, usernameHints);
        String assigned = access == Access.USER && owner != null ? assignedOwner() : null;
        Caller caller = new Caller(userContext(token.ucloudUser(), routed, raw));
        checkAccess(access, caller);
        if (assigned != null) {
            checkOwner(assigned, caller.ucloudUser().orElseThrow());
        }
        return caller;
    }

    private CoreTokenVerifier.VerifiedToken verify(String token, String usernameHeader, UsernameHints hints) {
        try {
            return verifier.verify(token);
        } catch (TokenRejected e) {
            rejections.rejected(e.getMessage(), claimedUser(usernameHeader, hints));
            throw ApiException.unauthorized(e.getMessage());
        }
    }

    /** Whom a request with a rejected token named, for the audit trail; null when it named nobody or garbage. */
    private static String claimedUser(String usernameHeader, UsernameHints hints) {
        try {
            return routingUser(usernameHeader, hints).orElse(null);
        } catch (ApiException e) {
            return null;
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} value; null when absent or another scheme. */
    public static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    private Optional<String> userContext(Optional<String> claimed, Optional<String> routed, String rawToken) {
        if (claimed.isPresent()) {
            if (routed.isPresent() && !routed.get().equals(claimed.get())) {
                throw ApiException.forbidden("The ucloud-username header does not match the user of the token");
            }
            claims.sighted(rawToken);
            return claimed;
        }
        if (routed.isPresent() && claims.claimRequired()) {
            throw ApiException.forbidden("The request names a user, but its token carries no user context");
        }
        return routed;
    }

    private String assignedOwner() {
        String assigned = owner.get();
        if (assigned == null) {
            throw ApiException.unavailable("This user instance is still starting", null);
        }
        return assigned;
    }

    private void checkOwner(String assigned, String user) {
        if (!assigned.equals(user)) {
            LOG.warning(() -> "refused a call for " + user + ": this instance serves " + assigned);
            throw ApiException.forbidden("This user instance serves another user");
        }
    }

    private static void checkAccess(Access access, Caller caller) {
        switch (access) {
            case SYSTEM -> {
                if (caller.ucloudUser().isPresent()) {
                    throw ApiException.forbidden("This call is not accepted with a user context");
                }
            }
            case USER -> {
                if (caller.ucloudUser().isEmpty()) {
                    throw ApiException.forbidden("This call needs a user context");
                }
            }
            case SYSTEM_OR_USER, PUBLIC -> {
            }
        }
    }

    static Optional<String> routingUser(String header, UsernameHints hints) {
        Optional<String> fromHeader = UsernameCodec.decode(header, Base64.getDecoder(), "ucloud-username header");
        Optional<String> fromHint = hints.user();
        if (fromHeader.isPresent() && fromHint.isPresent() && !fromHeader.equals(fromHint)) {
            throw ApiException.badRequest("The ucloud-username header and usernameHint disagree");
        }
        return fromHeader.or(() -> fromHint);
    }
}

package dk.sdu.im.server.identity;

import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.config.CoreConfig;
import dk.sdu.im.db.ClaimSightings;
import dk.sdu.im.db.DatabaseException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * IM/Server's side of {@code core.userContext} (contract decision 1): the {@link UserClaimRule} its own calls are
 * resolved with, the database record that makes an {@code auto} switch permanent, and the check of what instances
 * report. Under {@code auto} the switch happens when IM/Server serves a call carrying the claim or an instance
 * reports a token that carries it; either way it is recorded and then spread to every instance.
 *
 * <p>Trust: an instance is its user's process and proves nothing by saying so; only a token IM/Server verifies
 * itself (UCloud's signature, issuer, expiry, and the claim) switches the rule.
 */
public final class UserContextClaims {
    private static final Logger LOG = Logger.getLogger(UserContextClaims.class.getName());

    private final UserClaimRule rule;
    private final CoreTokenVerifier verifier;

    private UserContextClaims(UserClaimRule rule, CoreTokenVerifier verifier) {
        this.rule = rule;
        this.verifier = verifier;
    }

    /**
     * The rule for {@code mode}, an {@code auto} one already switched when {@code sightings} say so; logs which state
     * the module is in and why. A switch is recorded in {@code sightings} by the rule's first listener, so listeners
     * registered later (IM/Server pushes the switch to running instances) hear of it once it is recorded.
     */
    public static UserContextClaims open(CoreConfig.UserContext mode, ClaimSightings sightings, CoreTokenVerifier verifier) {
        UserClaimRule rule = switch (mode) {
            case REQUIRED -> UserClaimRule.required();
            case HEADER -> UserClaimRule.header();
            case AUTO -> UserClaimRule.auto(sightings.firstSeen().isPresent(), "IM/Server");
        };
        logStartState(mode, sightings.firstSeen());
        rule.onSwitch(token -> record(sightings));
        return new UserContextClaims(rule, verifier);
    }

    private static void record(ClaimSightings sightings) {
        try {
            sightings.record();
        } catch (DatabaseException e) {
            LOG.severe("could not record that the ucloudUser claim was seen (" + e.getMessage()
                    + "); claimless user calls are refused until IM/Server restarts, and accepted after it");
        }
    }

    private static void logStartState(CoreConfig.UserContext mode, Optional<Instant> firstSeen) {
        switch (mode) {
            case REQUIRED -> LOG.info("core.userContext is required: user calls must carry the ucloudUser claim");
            case HEADER -> LOG.warning("core.userContext is header: the ucloud-username header alone names the user of a"
                    + " call, and a token is never checked for the user it was issued for");
            case AUTO -> LOG.info(firstSeen
                    .map(at -> "core.userContext is auto and a user call carried the ucloudUser claim at " + at
                            + ", so user calls without it are refused")
                    .orElse("core.userContext is auto and no user call has carried the ucloudUser claim yet, so the"
                            + " ucloud-username header names the user of a call whose token does not"));
        }
    }

    /** What IM/Server's own calls are resolved with. */
    public UserClaimRule rule() {
        return rule;
    }

    /** Whether an instance assigned now must refuse claimless user calls. */
    public boolean claimRequired() {
        return rule.claimRequired();
    }

    /**
     * An instance reports having served a call with the claim, sending that call's token. Verified here; a token that
     * carries the claim switches an {@code auto} rule.
     *
     * @return whether the token proved it
     */
    public boolean reported(String rawToken) {
        try {
            if (verifier.verify(rawToken).ucloudUser().isEmpty()) {
                return false;
            }
        } catch (CoreTokenVerifier.TokenRejected e) {
            return false;
        }
        rule.sighted(rawToken);
        return true;
    }
}

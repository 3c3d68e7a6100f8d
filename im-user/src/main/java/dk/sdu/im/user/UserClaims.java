package dk.sdu.im.user;

import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.config.ImConfig;
import java.util.logging.Logger;

/**
 * This instance's side of {@code core.userContext} (contract decision 1). The rule comes from the root-owned
 * configuration; under {@code auto} it switches when IM/Server's assignment or push says the claim was seen, or when
 * this instance serves a call carrying it, which it then reports to IM/Server with that call's token (IM/Server
 * verifies it and tells every other instance).
 */
final class UserClaims {
    private static final Logger LOG = Logger.getLogger(UserClaims.class.getName());

    private UserClaims() {
    }

    static UserClaimRule of(ImConfig config) {
        return switch (config.core().userContext()) {
            case REQUIRED -> UserClaimRule.required();
            case HEADER -> UserClaimRule.header();
            case AUTO -> UserClaimRule.auto(false, "IM/User");
        };
    }

    /** IM/Server's assignment: under {@code auto}, whether the claim was already seen. */
    static void assigned(UserClaimRule rule, boolean claimRequired) {
        if (claimRequired) {
            rule.learn();
        }
    }

    /** IM/Server pushed that another instance, or IM/Server itself, saw the claim. */
    static void pushed(UserClaimRule rule) {
        if (rule.learn()) {
            LOG.info("IM/Server says a user call carried the ucloudUser claim; claimless user calls are refused from now on");
        }
    }

    /** What this instance saw itself goes to IM/Server, off the request's thread; a lost report only delays the others. */
    static void reportTo(UserClaimRule rule, java.util.function.Supplier<ServerLink> link) {
        rule.onSwitch(token -> Thread.ofVirtual().name("claim-report").start(() -> {
            try {
                link.get().claimSeen(token);
            } catch (ServerLink.Refused | dk.sdu.im.ipc.IpcClosed e) {
                LOG.warning("IM/Server did not take this instance's report of the ucloudUser claim: " + e.getMessage());
            }
        }));
    }
}

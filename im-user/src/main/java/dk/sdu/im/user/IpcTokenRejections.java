package dk.sdu.im.user;

import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.ipc.InstanceToServer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sends each token this instance rejects to IM/Server's audit trail over IPC (message {@code TokenRejected}), so that
 * an administrator finds every rejected token in one place, IM/Server's {@code token.rejected} lines, under the
 * identity IM/Server knows this instance by. Runs as the end user. The report goes on a virtual thread: the 401 never
 * waits for IM/Server, and a report IM/Server cannot take is logged here, in this instance's log, and dropped.
 */
final class IpcTokenRejections implements CallerResolver.Rejections {
    private static final Logger LOG = Logger.getLogger(IpcTokenRejections.class.getName());

    /** The link, which may still be connecting when the listeners are built. */
    private final Supplier<ServerLink> link;

    IpcTokenRejections(Supplier<ServerLink> link) {
        this.link = link;
    }

    @Override
    public void rejected(String reason, String claimedUser) {
        String why = cut(reason, InstanceToServer.TokenRejected.MAX_REASON_CHARS);
        String who = cut(claimedUser == null ? "" : claimedUser, InstanceToServer.TokenRejected.MAX_USER_CHARS);
        Thread.ofVirtual().name("token-rejected").start(() -> {
            try {
                link.get().tokenRejected(why, who);
            } catch (ServerLink.Refused | RuntimeException e) {
                LOG.warning(() -> "rejected a token (" + why + ") but could not tell IM/Server: " + e.getMessage());
            }
        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

package dk.sdu.im.api.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * IM/Server's audit trail: one structured line per security-relevant event, with a method per event; every event and
 * field is listed in {@code docs/audit.md}, and a new event goes there too. The lines go to java.util.logging's logger
 * {@value #LOGGER} as records whose message is the event's name and whose one parameter is its fields (a
 * {@code Map<String, Object>}); {@link AuditOutput} gives that logger its own destination and writes each record as one
 * JSON object. Modules that cannot see this class (im-ipc) write the same shape of record to the same logger.
 *
 * <p>Callers pass what happened, never a token or a secret: reasons are the verifier's words, which name what is wrong
 * with a token but not the token. {@link AuditOutput} also removes anything shaped like a token, and the secrets it is
 * given, from every line.
 *
 * <p>Rejected tokens are the one event any network client can cause at will (a forged token per request), so they
 * pass through a {@link Throttle}: at most {@link #REJECTIONS_PER_SECOND} {@code token.rejected} lines a second, and
 * for the rest one {@code audit.suppressed} line saying how many were left out. IM/Server builds one Audit in its
 * composition root and hands it to every part that audits, so the limit holds for the process. Thread-safe.
 */
public final class Audit {
    /** The logger every audit record goes through. */
    public static final String LOGGER = "dk.sdu.im.audit";
    /** {@code token.rejected} lines written per second at most; the rest are counted. */
    public static final int REJECTIONS_PER_SECOND = 20;
    private final Logger logger = Logger.getLogger(LOGGER);
    private final Throttle rejections;

    /** The audit trail, its throttle on the system's monotonic clock. */
    public Audit() {
        this(System::nanoTime);
    }

    /** The audit trail with the throttle's clock ({@link System#nanoTime} in production), for tests. */
    public Audit(java.util.function.LongSupplier nanoTime) {
        this.rejections = new Throttle("token.rejected", REJECTIONS_PER_SECOND, nanoTime,
                count -> write("audit.suppressed", fields("suppressed", "token.rejected", "count", count, "seconds", 1)));
    }

    /** Who asked, as the kernel reported the peer of an IPC connection. */
    public record Caller(int uid, int gid, long pid) {
    }

    /** IM/Server started an instance for a UCloud user, as a local account; {@code pid} is the launched process's. */
    public void instanceLaunched(String ucloudUser, String localUser, int uid, long pid) {
        write("instance.launched", fields("ucloud_user", ucloudUser, "local_user", localUser, "uid", uid, "pid", pid));
    }

    /** An instance proved who it is and its route went up. */
    public void instanceVerified(String ucloudUser, String localUser, int uid, long pid, int port) {
        write("instance.verified", fields("ucloud_user", ucloudUser, "local_user", localUser, "uid", uid, "pid", pid,
                "port", port));
    }

    /** A process that claimed to be an instance was not registered ({@code reason} says which kernel fact disagreed). */
    public void instanceRefused(Caller peer, String reason) {
        write("instance.refused", fields("uid", peer.uid(), "gid", peer.gid(), "pid", peer.pid(), "reason", reason));
    }

    /** No instance was started for a UCloud user: {@code status} is what the caller got, {@code reason} why. */
    public void launchRefused(String ucloudUser, int status, String reason) {
        write("launch.refused", fields("ucloud_user", ucloudUser, "status", status, "reason", reason));
    }

    /** A UCloud user was mapped to a local account for the first time. */
    public void mappingCreated(String ucloudUser, String localUser, int uid, String why) {
        write("mapping.created", fields("ucloud_user", ucloudUser, "local_user", localUser, "uid", uid, "why", why));
    }

    /** A recorded mapping was removed. */
    public void mappingRemoved(String ucloudUser, String localUser, int uid, String why) {
        write("mapping.removed", fields("ucloud_user", ucloudUser, "local_user", localUser, "uid", uid, "why", why));
    }

    /**
     * An administrator's command over IPC: {@code command} its name (the request's type), {@code arguments} what it was
     * asked for ({@code ""} when nothing), {@code outcome} {@code ok} or the reason it was refused.
     */
    public void adminCommand(Caller caller, String command, String arguments, String outcome) {
        write("admin.command", fields("uid", caller.uid(), "gid", caller.gid(), "pid", caller.pid(), "command", command,
                "arguments", arguments, "outcome", outcome));
    }

    /**
     * A request's UCloud token was rejected: {@code by} is {@code im-server} or {@code instance}; {@code claimedUser}
     * the user the request named (unverified: that is what was refused), or {@code null}.
     */
    public void tokenRejected(String by, String reason, String claimedUser) {
        if (rejections.admit()) {
            write("token.rejected", fields("by", by, "reason", reason, "claimed_user", claimedUser));
        }
    }

    /**
     * An instance reported that it rejected a request's token; who reported it is what the kernel said of its IPC
     * connection and whom IM/Server assigned it, never what it said of itself.
     */
    public void tokenRejectedByInstance(String ucloudUser, String localUser, int uid, long pid, String reason,
                                        String claimedUser) {
        if (rejections.admit()) {
            write("token.rejected", fields("by", "instance", "reason", reason, "claimed_user", claimedUser,
                    "instance_user", ucloudUser, "local_user", localUser, "uid", uid, "pid", pid));
        }
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private void write(String event, Map<String, Object> fields) {
        var record = new LogRecord(Level.INFO, event);
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {fields});
        logger.log(record);
    }
}

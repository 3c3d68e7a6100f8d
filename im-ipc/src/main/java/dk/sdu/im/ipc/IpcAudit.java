package dk.sdu.im.ipc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The IPC server's one audit event, {@code ipc.peer_refused}: a connection closed for what its peer did or was (a
 * message the permission table does not allow it, a protocol violation, no handshake, idling, more connections than
 * its share). Written as IM/Server's {@code dk.sdu.im.api.log.Audit} writes its events (this module cannot see it):
 * a record on the logger {@value #LOGGER} whose message is the event and whose parameter is its fields; docs/audit.md
 * lists them. A peer repeating one refusal is written once per window of the server's {@link LogThrottle}, whose
 * summary line in the log counts the rest: a local user can connect in a loop, and must not fill the disk.
 */
final class IpcAudit {
    static final String LOGGER = "dk.sdu.im.audit";
    private static final Logger AUDIT = Logger.getLogger(LOGGER);

    private IpcAudit() {
    }

    /** @param kind what the peer was taken to be */
    static void peerRefused(Peer peer, PeerKind kind, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("uid", peer.uid());
        fields.put("gid", peer.gid());
        fields.put("pid", peer.pid());
        fields.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        fields.put("reason", reason);
        var record = new LogRecord(Level.INFO, "ipc.peer_refused");
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {fields});
        AUDIT.log(record);
    }
}

package dk.sdu.im.server;

import dk.sdu.im.api.log.Audit;
import dk.sdu.im.ipc.AdminHandler;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes one {@code admin.command} audit line for every administrator's request IM/Server answers, whatever the
 * command: its name (the request's record type), its arguments (the record's components, {@code name=value}), the
 * caller as the kernel reported it, and the outcome ({@code ok}, {@code refused: why}, or {@code failed: why}). A new
 * admin command is audited by being answered through this handler; it needs no call of its own. Requests the
 * permission table refuses never get here: they are {@code ipc.peer_refused} lines.
 */
record AuditedAdmin(AdminHandler handler, Audit audit) implements AdminHandler {

    @Override
    public ServerToAdmin onMessage(Peer peer, AdminToServer message) {
        var caller = new Audit.Caller(peer.uid(), peer.gid(), peer.pid());
        String command = message.getClass().getSimpleName();
        ServerToAdmin reply;
        try {
            reply = handler.onMessage(peer, message);
        } catch (RuntimeException e) {
            audit.adminCommand(caller, command, arguments(message), "failed: " + e.getMessage());
            throw e;
        }
        audit.adminCommand(caller, command, arguments(message),
                reply instanceof ServerToAdmin.Refused refused ? "refused: " + refused.reason() : "ok");
        return reply;
    }

    static String arguments(AdminToServer message) {
        RecordComponent[] components = message.getClass().getRecordComponents();
        if (components == null) {
            return "";
        }
        return Arrays.stream(components).map(c -> c.getName() + "=" + value(c, message)).collect(Collectors.joining(" "));
    }

    private static Object value(RecordComponent component, AdminToServer message) {
        try {
            return component.getAccessor().invoke(message);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }
}

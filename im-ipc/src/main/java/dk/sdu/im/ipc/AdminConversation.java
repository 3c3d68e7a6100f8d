package dk.sdu.im.ipc;

import java.io.IOException;

/**
 * The server's side of a connection that speaks {@link AdminToServer}: handshake, then one reply per
 * request, with the permission table checked before the {@link AdminHandler} sees anything. Runs on the
 * connection's thread.
 */
final class AdminConversation {
    private final ServerLink link;
    private final AdminHandler handler;

    AdminConversation(ServerLink link, AdminHandler handler) {
        this.link = link;
        this.handler = handler;
    }

    void run(Frame first) throws IOException, ProtocolViolation {
        AdminToServer.Hello hello = switch (Codec.ADMIN_TO_SERVER.decode(first)) {
            case AdminToServer.Hello h -> h;
            default -> throw new ProtocolViolation("the first message must be Hello");
        };
        link.handshake(hello.protocol(), hello.version(), hello, AdminConversation::refusal,
                Codec.SERVER_TO_ADMIN.encode(new ServerToAdmin.Welcome(IpcProtocol.VERSION)));
        for (Frame frame = link.read(); frame != null; frame = link.read()) {
            AdminToServer message = Codec.ADMIN_TO_SERVER.decode(frame);
            link.authorize((Record) message, AdminConversation::refusal);
            ServerToAdmin reply = checked(message, dispatch(message));
            link.write(Codec.SERVER_TO_ADMIN.encode(reply));
        }
    }

    private ServerToAdmin dispatch(AdminToServer message) throws ProtocolViolation {
        return switch (message) {
            case AdminToServer.Hello _ -> throw new ProtocolViolation("Hello after the handshake");
            case AdminToServer.ListInstances m -> handler.onMessage(link.peer(), m);
            case AdminToServer.ListUsers m -> handler.onMessage(link.peer(), m);
            case AdminToServer.ShowUser m -> handler.onMessage(link.peer(), m);
            case AdminToServer.RemoveUser m -> handler.onMessage(link.peer(), m);
            case AdminToServer.StopInstance m -> handler.onMessage(link.peer(), m);
            case AdminToServer.ListRoutes m -> handler.onMessage(link.peer(), m);
            case AdminToServer.ListDrives m -> handler.onMessage(link.peer(), m);
            case AdminToServer.ListJobs m -> handler.onMessage(link.peer(), m);
        };
    }

    private static ServerToAdmin checked(AdminToServer request, ServerToAdmin reply) {
        if (reply == null || reply instanceof ServerToAdmin.Welcome) {
            throw new IllegalStateException("AdminHandler answered " + request.getClass().getSimpleName()
                    + " with " + reply + ", which is not a reply");
        }
        return reply;
    }

    private static Frame refusal(String reason) {
        return Codec.SERVER_TO_ADMIN.encode(new ServerToAdmin.Refused(reason));
    }
}

package dk.sdu.im.ipc;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's side of a connection that speaks {@link InstanceToServer}: handshake, then one reply per
 * request, in order, with the permission table checked before the {@link InstanceHandler} sees anything.
 * Runs on the connection's thread.
 */
final class InstanceConversation {
    private static final Logger LOG = Logger.getLogger(InstanceConversation.class.getName());

    private final ServerLink link;
    private final InstanceHandler handler;
    private boolean handlerHasSeen; // the handler learns of a session with its first message

    InstanceConversation(ServerLink link, InstanceHandler handler) {
        this.link = link;
        this.handler = handler;
    }

    void run(Frame first) throws IOException, ProtocolViolation {
        InstanceToServer.Hello hello = switch (Codec.INSTANCE_TO_SERVER.decode(first)) {
            case InstanceToServer.Hello h -> h;
            case InstanceToServer.Register _, InstanceToServer.Activity _, InstanceToServer.Goodbye _,
                 InstanceToServer.TaskStarted _, InstanceToServer.TaskProgress _, InstanceToServer.TaskCompleted _,
                 InstanceToServer.ClaimSeen _, InstanceToServer.ListDrives _, InstanceToServer.MaySubmit _,
                 InstanceToServer.JobSubmitted _, InstanceToServer.JobObserved _, InstanceToServer.Served _,
                 InstanceToServer.TokenRejected _ ->
                    throw new ProtocolViolation("the first message must be Hello");
        };
        link.handshake(hello.protocol(), hello.version(), hello, InstanceConversation::refusal,
                Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Welcome(IpcProtocol.VERSION)));
        ServerInstanceSession session = new ServerInstanceSession(link);
        try {
            serve(session);
        } finally {
            link.close();
            if (handlerHasSeen) {
                notifyClosed(session);
            }
        }
    }

    private void serve(ServerInstanceSession session) throws IOException, ProtocolViolation {
        for (Frame frame = link.read(); frame != null; frame = link.read()) {
            InstanceToServer message = Codec.INSTANCE_TO_SERVER.decode(frame);
            link.authorize((Record) message, InstanceConversation::refusal);
            ServerToInstance reply = checked(message, dispatch(session, message));
            link.write(Codec.SERVER_TO_INSTANCE.encode(reply));
        }
    }

    private ServerToInstance dispatch(InstanceSession session, InstanceToServer message) throws ProtocolViolation {
        return switch (message) {
            case InstanceToServer.Hello _ -> throw new ProtocolViolation("Hello after the handshake");
            case InstanceToServer.Register register -> handler.onMessage(seen(session), register);
            case InstanceToServer.Activity activity -> handler.onMessage(seen(session), activity);
            case InstanceToServer.Goodbye goodbye -> handler.onMessage(seen(session), goodbye);
            case InstanceToServer.TaskStarted started -> handler.onMessage(seen(session), started);
            case InstanceToServer.TaskProgress progress -> handler.onMessage(seen(session), progress);
            case InstanceToServer.TaskCompleted completed -> handler.onMessage(seen(session), completed);
            case InstanceToServer.ClaimSeen claim -> handler.onMessage(seen(session), claim);
            case InstanceToServer.ListDrives list -> handler.onMessage(seen(session), list);
            case InstanceToServer.MaySubmit may -> handler.onMessage(seen(session), may);
            case InstanceToServer.JobSubmitted submitted -> handler.onMessage(seen(session), submitted);
            case InstanceToServer.JobObserved observed -> handler.onMessage(seen(session), observed);
            case InstanceToServer.Served served -> handler.onMessage(seen(session), served);
            case InstanceToServer.TokenRejected rejected -> handler.onMessage(seen(session), rejected);
        };
    }

    private InstanceSession seen(InstanceSession session) {
        handlerHasSeen = true;
        return session;
    }

    /** A handler that breaks its contract is a server bug: fail this connection, loudly. */
    private static ServerToInstance checked(InstanceToServer request, ServerToInstance reply) {
        if (reply == null || reply instanceof ServerToInstance.Welcome || Unsolicited.isPush(reply)) {
            throw new IllegalStateException("InstanceHandler answered " + request.getClass().getSimpleName()
                    + " with " + reply + ", which is not a reply");
        }
        return reply;
    }

    private void notifyClosed(ServerInstanceSession session) {
        try {
            handler.onClose(session);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "InstanceHandler.onClose failed for " + session, e);
        }
    }

    private static Frame refusal(String reason) {
        return Codec.SERVER_TO_INSTANCE.encode(new ServerToInstance.Refused(reason));
    }
}

package dk.sdu.im.ipc;

import java.io.IOException;
import java.util.Objects;

/** The {@link InstanceSession} handed to IM/Server's handler: a thin, thread-safe view of one link. */
final class ServerInstanceSession implements InstanceSession {
    private final ServerLink link;

    ServerInstanceSession(ServerLink link) {
        this.link = link;
    }

    @Override
    public Peer peer() {
        return link.peer();
    }

    @Override
    public void send(ServerToInstance message) {
        Objects.requireNonNull(message, "message");
        if (!Unsolicited.isPush(message)) {
            throw new IllegalArgumentException(message.getClass().getSimpleName()
                    + " is a reply; only unsolicited messages may be pushed");
        }
        Frame frame = Codec.SERVER_TO_INSTANCE.encode(message);
        try {
            link.write(frame);
        } catch (IOException e) {
            link.close();
            throw new IpcClosed("the IPC connection of instance " + peer() + " is closed", e);
        }
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "InstanceSession[" + link.describe() + "]";
    }
}

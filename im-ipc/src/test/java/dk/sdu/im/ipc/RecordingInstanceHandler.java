package dk.sdu.im.ipc;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/** A fake IM/Server instance handler: records what it is given and answers {@code Ack} unless told otherwise. */
final class RecordingInstanceHandler implements InstanceHandler {
    record Call(Peer peer, InstanceToServer message) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final BlockingQueue<InstanceSession> sessions = new LinkedBlockingQueue<>();
    final BlockingQueue<InstanceSession> closed = new LinkedBlockingQueue<>();
    volatile Function<InstanceToServer, ServerToInstance> answer = message -> new ServerToInstance.Ack();

    @Override
    public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
        if (!sessions.contains(session)) {
            sessions.add(session);
        }
        calls.add(new Call(session.peer(), message));
        return answer.apply(message);
    }

    @Override
    public void onClose(InstanceSession session) {
        closed.add(session);
    }
}

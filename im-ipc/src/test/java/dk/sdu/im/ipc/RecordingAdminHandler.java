package dk.sdu.im.ipc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake IM/Server admin handler: records calls and lists one fixed instance. */
final class RecordingAdminHandler implements AdminHandler {
    static final ServerToAdmin.InstanceInfo ALICE = new ServerToAdmin.InstanceInfo(
            "alice#1234", "alice", 1100, 4242, 42001, 1_700_000_000_000L, 1_700_000_100_000L, 150_000_000L, 1, 0);
    static final ServerToAdmin.UserInfo ALICE_MAPPING = new ServerToAdmin.UserInfo(
            "alice#1234", "alice", 1100, 1_600_000_000_000L, 0, true, 1_700_000_100_000L);

    final List<AdminToServer> calls = new CopyOnWriteArrayList<>();

    @Override
    public ServerToAdmin onMessage(Peer peer, AdminToServer message) {
        calls.add(message);
        return switch (message) {
            case AdminToServer.Hello _ -> throw new AssertionError("the transport handles Hello");
            case AdminToServer.ListInstances _ -> new ServerToAdmin.Instances(List.of(ALICE), false);
            default -> new ServerToAdmin.NotFound(message.toString());
        };
    }
}

package dk.sdu.im.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wire tags, one table per direction, and the JSON encoding of each message record.
 *
 * <p>Each direction owns one block of 64 tags (instance to server {@code 0x01..}, admin to server
 * {@code 0x41..}, server to instance {@code 0x81..}, server to admin {@code 0xC1..}), so a frame sent in
 * the wrong direction is always an unknown tag, and the server learns which direction a connection speaks
 * from the tag of its first frame. A tag, once used, keeps its meaning; a new message takes the next free
 * tag of its block. Each table is checked against its sealed interface when this class loads, so a message
 * without a tag fails every test instead of failing on the wire.
 */
final class Codec<M> {
    static final Codec<InstanceToServer> INSTANCE_TO_SERVER = new Codec<>(InstanceToServer.class, 0x01, Map.ofEntries(
            Map.entry(InstanceToServer.Hello.class, 0x01),
            Map.entry(InstanceToServer.Register.class, 0x02),
            Map.entry(InstanceToServer.Activity.class, 0x03),
            Map.entry(InstanceToServer.Goodbye.class, 0x04),
            Map.entry(InstanceToServer.TaskStarted.class, 0x05),
            Map.entry(InstanceToServer.TaskProgress.class, 0x06),
            Map.entry(InstanceToServer.TaskCompleted.class, 0x07),
            Map.entry(InstanceToServer.ClaimSeen.class, 0x08),
            Map.entry(InstanceToServer.ListDrives.class, 0x09),
            Map.entry(InstanceToServer.MaySubmit.class, 0x0A),
            Map.entry(InstanceToServer.JobSubmitted.class, 0x0B),
            Map.entry(InstanceToServer.JobObserved.class, 0x0C),
            Map.entry(InstanceToServer.Served.class, 0x0D),
            Map.entry(InstanceToServer.TokenRejected.class, 0x0E)));

    static final Codec<AdminToServer> ADMIN_TO_SERVER = new Codec<>(AdminToServer.class, 0x41, Map.of(
            AdminToServer.Hello.class, 0x41,
            AdminToServer.ListInstances.class, 0x42,
            AdminToServer.ListUsers.class, 0x43,
            AdminToServer.ShowUser.class, 0x44,
            AdminToServer.RemoveUser.class, 0x45,
            AdminToServer.StopInstance.class, 0x46,
            AdminToServer.ListRoutes.class, 0x47,
            AdminToServer.ListDrives.class, 0x48,
            AdminToServer.ListJobs.class, 0x49));

    static final Codec<ServerToInstance> SERVER_TO_INSTANCE = new Codec<>(ServerToInstance.class, 0x81, Map.of(
            ServerToInstance.Welcome.class, 0x81,
            ServerToInstance.Assigned.class, 0x82,
            ServerToInstance.Refused.class, 0x83,
            ServerToInstance.Shutdown.class, 0x84,
            ServerToInstance.Ack.class, 0x85,
            ServerToInstance.TaskCreated.class, 0x86,
            ServerToInstance.CancelTask.class, 0x87,
            ServerToInstance.ClaimRequired.class, 0x88,
            ServerToInstance.DriveList.class, 0x89));

    static final Codec<ServerToAdmin> SERVER_TO_ADMIN = new Codec<>(ServerToAdmin.class, 0xC1, Map.ofEntries(
            Map.entry(ServerToAdmin.Welcome.class, 0xC1),
            Map.entry(ServerToAdmin.Instances.class, 0xC2),
            Map.entry(ServerToAdmin.Refused.class, 0xC3),
            Map.entry(ServerToAdmin.Users.class, 0xC4),
            Map.entry(ServerToAdmin.User.class, 0xC5),
            Map.entry(ServerToAdmin.Routes.class, 0xC6),
            Map.entry(ServerToAdmin.Drives.class, 0xC7),
            Map.entry(ServerToAdmin.Jobs.class, 0xC8),
            Map.entry(ServerToAdmin.Done.class, 0xC9),
            Map.entry(ServerToAdmin.NotFound.class, 0xCA)));

    private static final int BLOCK_SIZE = 64;

    private final Class<M> direction;
    private final Map<Class<?>, Integer> tagByType;
    private final Map<Integer, Class<? extends M>> typeByTag = new HashMap<>();

    private Codec(Class<M> direction, int firstTag, Map<Class<? extends M>, Integer> tags) {
        this.direction = direction;
        this.tagByType = Map.copyOf(tags);
        checkTable(firstTag);
        // Types only: the mapper builds (and caches) a record's deserializer when the first one arrives, so a
        // process pays only for the messages it receives (a fresh instance, for two).
        tags.forEach((type, tag) -> typeByTag.put(tag, type));
    }

    /** Whether {@code tag} names a message of this direction. */
    boolean knows(int tag) {
        return typeByTag.containsKey(tag);
    }

    /** @throws IllegalArgumentException if the message is larger than one frame may carry */
    Frame encode(M message) {
        byte[] payload;
        try {
            payload = StrictJson.MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
        Framing.checkSize(payload.length);
        return new Frame(tagByType.get(message.getClass()), payload);
    }

    M decode(Frame frame) throws ProtocolViolation {
        Class<? extends M> type = typeByTag.get(frame.tag());
        if (type == null) {
            throw new ProtocolViolation(String.format("unknown tag 0x%02x for %s", frame.tag(),
                    direction.getSimpleName()));
        }
        Object value;
        try {
            value = StrictJson.MAPPER.readValue(frame.payload(), type);
        } catch (IOException e) {
            throw new ProtocolViolation("malformed " + type.getSimpleName()
                    + ": " + describe(e), e);
        }
        if (value == null) {
            throw new ProtocolViolation("payload of tag " + frame.tag() + " is JSON null");
        }
        return direction.cast(value);
    }

    private static String describe(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
    }

    private void checkTable(int firstTag) {
        Set<Class<?>> permitted = Set.of(direction.getPermittedSubclasses());
        if (!permitted.equals(tagByType.keySet())) {
            throw new IllegalStateException("the tag table of " + direction.getSimpleName()
                    + " must list exactly its messages " + permitted + ", but lists " + tagByType.keySet());
        }
        List<Integer> tags = List.copyOf(tagByType.values());
        if (Set.copyOf(tags).size() != tags.size()
                || tags.stream().anyMatch(t -> t < firstTag || t >= firstTag + BLOCK_SIZE)) {
            throw new IllegalStateException("the tags of " + direction.getSimpleName()
                    + " must be distinct and within their block from " + firstTag + ": " + tagByType);
        }
    }
}

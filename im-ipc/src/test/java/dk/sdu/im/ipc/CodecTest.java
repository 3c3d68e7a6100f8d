package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {

    /** One sample of every message of every direction; {@link #samplesCoverEveryMessage} keeps it complete. */
    static List<Record> samples() {
        return List.of(
                new InstanceToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION),
                new InstanceToServer.Register(42001),
                new InstanceToServer.Activity(1_700_000_000_000L, 3, 1),
                new InstanceToServer.Goodbye("idle for 15 minutes"),
                new InstanceToServer.TaskStarted("Copying /home/alice to /work"),
                new InstanceToServer.TaskProgress(17, "3 of 10 files", 30.5),
                new InstanceToServer.TaskCompleted(17, false, "Disk quota exceeded"),
                new InstanceToServer.ClaimSeen("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"),
                new InstanceToServer.ListDrives(),
                new InstanceToServer.MaySubmit("4213", "", "cpu"),
                new InstanceToServer.JobSubmitted("4213", "991", "/12/Jobs/app/4213", "cpu", "9b1c-project"),
                new InstanceToServer.JobObserved("local-4213", "FAILURE", "Exited with code 3 \"quoted\"", 60, 0),
                new InstanceToServer.Served(List.of(new InstanceToServer.CallTally("files.browse", 200, 3, 4500,
                        List.of(2L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))), 1 << 20, 0, 1, 0),
                new InstanceToServer.TokenRejected("expired at 2026-12-07T22:00:00Z", "alice#1234"),
                new ServerToInstance.Welcome(1),
                new ServerToInstance.Assigned("alice#1234", "alice", 1100, true),
                new ServerToInstance.Refused("not yours"),
                new ServerToInstance.Shutdown("configuration changed"),
                new ServerToInstance.Ack(),
                new ServerToInstance.TaskCreated(17),
                new ServerToInstance.CancelTask(17),
                new ServerToInstance.ClaimRequired(),
                new ServerToInstance.DriveList(List.of(new ServerToInstance.DriveId("12", "home"),
                        new ServerToInstance.DriveId("13", "scratch"))),
                new AdminToServer.Hello(IpcProtocol.NAME, IpcProtocol.VERSION),
                new AdminToServer.ListInstances(""),
                new ServerToAdmin.Welcome(1),
                new AdminToServer.ListUsers("alice#1234"),
                new AdminToServer.ShowUser("alice#1234"),
                new AdminToServer.RemoveUser("bob#7"),
                new AdminToServer.StopInstance("alice#1234"),
                new AdminToServer.ListRoutes(""),
                new AdminToServer.ListDrives(""),
                new AdminToServer.ListJobs("4213"),
                new ServerToAdmin.Instances(List.of(RecordingAdminHandler.ALICE,
                        new ServerToAdmin.InstanceInfo("bob#7", "bøb", 1101, 77, 42002, 5, 6, -1, 0, 0)), true),
                new ServerToAdmin.Users(List.of(RecordingAdminHandler.ALICE_MAPPING), false),
                new ServerToAdmin.User(RecordingAdminHandler.ALICE_MAPPING, List.of(RecordingAdminHandler.ALICE),
                        List.of(new ServerToAdmin.DriveInfo("alice#1234", "home", "Home", "storage", "/home/alice", "12"))),
                new ServerToAdmin.Routes(List.of(new ServerToAdmin.RouteInfo("alice#1234", 42001, 2, -1)), false),
                new ServerToAdmin.Drives(List.of(new ServerToAdmin.DriveInfo("bob#7", "scratch", "Scratch", "scratch",
                        "", "")), false),
                new ServerToAdmin.Jobs(List.of(new ServerToAdmin.JobInfo("4213", "991", "alice#1234", "alice", "cpu",
                        "RUNNING", 1_700_000_000_000L)), false),
                new ServerToAdmin.Done("stopped the instance of alice#1234"),
                new ServerToAdmin.NotFound("no instance of carol#9 runs"),
                new ServerToAdmin.Refused("not an administrator"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessageRoundTripsThroughFramingAndCodec(Record message) throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Framing.write(wire, encode(message));

        Frame frame = Framing.read(new DataInputStream(new ByteArrayInputStream(wire.toByteArray())));

        assertThat(decode(message, frame)).isEqualTo(message);
    }

    @Test
    void samplesCoverEveryMessage() {
        Set<Class<?>> all = new HashSet<>();
        for (Class<?> direction : List.of(InstanceToServer.class, ServerToInstance.class, AdminToServer.class,
                ServerToAdmin.class)) {
            all.addAll(Arrays.asList(direction.getPermittedSubclasses()));
        }
        assertThat(samples().stream().map(Object::getClass)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void tagsAreDistinctAcrossAllDirections() {
        List<Integer> tags = samples().stream().map(m -> encode(m).tag()).toList();
        assertThat(tags).doesNotHaveDuplicates();
    }

    @Test
    void localNegativeTaskIdsRoundTrip() throws Exception {
        Frame frame = encode(new ServerToInstance.TaskCreated(-3));
        assertThat(Codec.SERVER_TO_INSTANCE.decode(frame)).isEqualTo(new ServerToInstance.TaskCreated(-3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.5", "100.5"})
    void rejectsTaskProgressOutsideZeroToHundredPercent(String percent) {
        int progress = encode(new InstanceToServer.TaskProgress(1, "x", 1)).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(
                frame(progress, "{\"taskId\":1,\"status\":\"x\",\"percent\":" + percent + "}")))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void cancelTaskIsAPushAndTaskCreatedAReply() {
        assertThat(Unsolicited.isPush(new ServerToInstance.CancelTask(1))).isTrue();
        assertThat(Unsolicited.isPush(new ServerToInstance.TaskCreated(1))).isFalse();
    }

    @Test
    void emptyRecordsTravelAsEmptyObjects() {
        assertThat(new String(encode(new ServerToInstance.Ack()).payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void rejectsUnknownTag() {
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(0x3F, "{}")))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("unknown tag 0x3f");
    }

    @Test
    void rejectsATagOfAnotherDirection() {
        int listInstances = encode(new AdminToServer.ListInstances("")).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(listInstances, "{}")))
                .isInstanceOf(ProtocolViolation.class);
    }

    static Stream<String> hostileServedPayloads() {
        String buckets = "[1,0,0,0,0,0,0,0,0,0,0,0,0]";
        return Stream.of(
                "{\"calls\":[{\"call\":\"alice#1234\",\"status\":200,\"count\":1,\"micros\":1,\"buckets\":" + buckets + "}],"
                        + "\"uploadedBytes\":0,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}", // a name that could be anything
                "{\"calls\":[{\"call\":\"a\",\"status\":999,\"count\":1,\"micros\":1,\"buckets\":" + buckets + "}],"
                        + "\"uploadedBytes\":0,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}", // no such status
                "{\"calls\":[{\"call\":\"a\",\"status\":200,\"count\":2,\"micros\":1,\"buckets\":" + buckets + "}],"
                        + "\"uploadedBytes\":0,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}", // buckets disagree with count
                "{\"calls\":[{\"call\":\"a\",\"status\":200,\"count\":1,\"micros\":1,\"buckets\":[1]}],"
                        + "\"uploadedBytes\":0,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}", // wrong bucket count
                "{\"calls\":[],\"uploadedBytes\":-5,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}", // negative delta
                "{\"calls\":[" + ("{\"call\":\"a\",\"status\":200,\"count\":1,\"micros\":1,\"buckets\":" + buckets + "},").repeat(256)
                        + "{\"call\":\"a\",\"status\":200,\"count\":1,\"micros\":1,\"buckets\":" + buckets + "}],"
                        + "\"uploadedBytes\":0,\"downloadedBytes\":0,\"activeUploads\":0,\"activeDownloads\":0}"); // too many tallies
    }

    @ParameterizedTest
    @MethodSource("hostileServedPayloads")
    void servedReportsOutsideTheirBoundsAreProtocolViolations(String payload) {
        int served = encode(new InstanceToServer.Served(List.of(), 0, 0, 0, 0)).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(served, payload)))
                .isInstanceOf(ProtocolViolation.class);
    }

    static Stream<String> invalidRegisterPayloads() {
        return Stream.of(
                "{\"port\":42001,\"admin\":true}",                      // unknown field
                "{}",                                                    // missing port
                "{\"port\":null}",                                      // null for a primitive
                "{\"port\":\"42001\"}",                                 // string for a number
                "{\"port\":42001.5}",                                   // float for an int
                "{\"port\":4200100000}",                                // out of int range
                "{\"port\":1,\"port\":2}",                              // duplicate key
                "{\"port\":42001} {}",                                  // trailing data
                "{\"port\":42001",                                      // truncated JSON
                "[42001]",                                               // not an object
                "null",                                                  // JSON null
                "{\"port\":0}",                                         // a value the record refuses
                "{\"port\":70000}",                                     // a value the record refuses
                "");
    }

    @ParameterizedTest
    @MethodSource("invalidRegisterPayloads")
    void rejectsInvalidPayloads(String json) {
        int register = encode(new InstanceToServer.Register(1)).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(register, json)))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsNullForAString() {
        int goodbye = encode(new InstanceToServer.Goodbye("x")).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(goodbye, "{\"reason\":null}")))
                .isInstanceOf(ProtocolViolation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "1.5", "true", "{}", "[]"})
    void rejectsAnythingButAStringForAString(String value) {
        int goodbye = encode(new InstanceToServer.Goodbye("x")).tag();
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(frame(goodbye, "{\"reason\":" + value + "}")))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsUnknownFieldInAnEmptyRecord() {
        int ack = encode(new ServerToInstance.Ack()).tag();
        assertThatThrownBy(() -> Codec.SERVER_TO_INSTANCE.decode(frame(ack, "{\"extra\":1}")))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        int goodbye = encode(new InstanceToServer.Goodbye("x")).tag();
        byte[] payload = {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.decode(new Frame(goodbye, payload)))
                .isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsDeclaredLengthAboveTheLimitBeforeReadingAnyFurther() {
        byte[] wire = ByteBuffer.allocate(4 + 100).putInt(IpcProtocol.MAX_PAYLOAD_BYTES + 1).array();
        ByteArrayInputStream in = new ByteArrayInputStream(wire);

        assertThatThrownBy(() -> Framing.read(new DataInputStream(in)))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("above the limit");
        assertThat(in.available()).as("bytes left unread after the length").isEqualTo(100);
    }

    @Test
    void treatsTheLengthAsUnsigned() {
        byte[] wire = ByteBuffer.allocate(5).putInt(0xFFFF_FFFF).array();
        assertThatThrownBy(() -> Framing.read(new DataInputStream(new ByteArrayInputStream(wire))))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("4294967295");
    }

    @Test
    void acceptsAPayloadOfExactlyTheLimit() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Framing.write(wire, new Frame(0x01, new byte[IpcProtocol.MAX_PAYLOAD_BYTES]));

        Frame frame = Framing.read(new DataInputStream(new ByteArrayInputStream(wire.toByteArray())));

        assertThat(frame.payload()).hasSize(IpcProtocol.MAX_PAYLOAD_BYTES);
    }

    @Test
    void refusesToEncodeAMessageLargerThanOneFrame() {
        InstanceToServer.Goodbye huge = new InstanceToServer.Goodbye("x".repeat(IpcProtocol.MAX_PAYLOAD_BYTES));
        assertThatThrownBy(() -> Codec.INSTANCE_TO_SERVER.encode(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame limit");
    }

    @Test
    void reportsAFrameCutShortAsAViolation() {
        byte[] wire = ByteBuffer.allocate(5 + 3).putInt(10).put((byte) 1).put(new byte[3]).array();
        assertThatThrownBy(() -> Framing.read(new DataInputStream(new ByteArrayInputStream(wire))))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("ended inside a frame");
    }

    @Test
    void reportsAStreamEndingBetweenFramesAsNoFrame() throws Exception {
        assertThat(Framing.read(new DataInputStream(new ByteArrayInputStream(new byte[0])))).isNull();
    }

    private static Frame frame(int tag, String json) {
        return new Frame(tag, json.getBytes(StandardCharsets.UTF_8));
    }

    static Frame encode(Record message) {
        return switch (message) {
            case InstanceToServer m -> Codec.INSTANCE_TO_SERVER.encode(m);
            case ServerToInstance m -> Codec.SERVER_TO_INSTANCE.encode(m);
            case AdminToServer m -> Codec.ADMIN_TO_SERVER.encode(m);
            case ServerToAdmin m -> Codec.SERVER_TO_ADMIN.encode(m);
            default -> throw new IllegalArgumentException("not a message: " + message);
        };
    }

    private static Object decode(Record like, Frame frame) throws ProtocolViolation {
        return switch (like) {
            case InstanceToServer _ -> Codec.INSTANCE_TO_SERVER.decode(frame);
            case ServerToInstance _ -> Codec.SERVER_TO_INSTANCE.decode(frame);
            case AdminToServer _ -> Codec.ADMIN_TO_SERVER.decode(frame);
            case ServerToAdmin _ -> Codec.SERVER_TO_ADMIN.decode(frame);
            default -> throw new IllegalArgumentException("not a message: " + like);
        };
    }
}

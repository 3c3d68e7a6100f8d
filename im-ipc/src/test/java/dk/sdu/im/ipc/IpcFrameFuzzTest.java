package dk.sdu.im.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the IPC frame decoder with whatever a peer may send on the socket: frames read one after another with
 * {@link Framing#read} and decoded with the codec of the direction that the first frame's tag names, as the server
 * learns a connection's direction. A {@link ProtocolViolation} is the expected answer to bad input (the connection
 * would be closed, so the input ends there); any other exception, an error or a hang is a finding.
 *
 * <p>Properties, for every frame: it re-encodes to exactly the bytes it was read from; a message decoded from it
 * encodes to a payload that decodes to the same message and encodes to the same bytes again.
 *
 * <p>Seeds, and findings once fixed: {@code src/test/resources/dk/sdu/im/ipc/IpcFrameFuzzTestInputs/frames/}
 * (docs/fuzzing.md). The timeout bounds one input; it is far above what any input takes, so only a hang reaches it.
 */
class IpcFrameFuzzTest {
    /** The codecs by tag block (a tag's top two bits), as {@link Codec} lays the blocks out. */
    private static final List<Codec<?>> BY_BLOCK = List.of(Codec.INSTANCE_TO_SERVER, Codec.ADMIN_TO_SERVER,
            Codec.SERVER_TO_INSTANCE, Codec.SERVER_TO_ADMIN);

    @FuzzTest
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void frames(byte[] input) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(input);
        DataInputStream in = new DataInputStream(bytes);
        Codec<?> codec = null;
        try {
            for (Frame frame = Framing.read(in); frame != null; frame = Framing.read(in)) {
                int end = input.length - bytes.available();
                assertThat(written(frame)).as("the frame re-encoded")
                        .isEqualTo(Arrays.copyOfRange(input, end - Framing.HEADER_BYTES - frame.payload().length, end));
                codec = codec == null ? BY_BLOCK.get(frame.tag() >>> 6) : codec;
                roundTrip(codec, frame);
            }
        } catch (ProtocolViolation expected) {
            // The peer broke the protocol: the connection ends here.
        }
    }

    private static <M> void roundTrip(Codec<M> codec, Frame frame) throws ProtocolViolation, IOException {
        M message = codec.decode(frame);
        Frame encoded = codec.encode(message);
        assertThat(encoded.tag()).as("the tag of the re-encoded message").isEqualTo(frame.tag());
        M again;
        try {
            again = codec.decode(encoded);
        } catch (ProtocolViolation e) {
            throw new AssertionError("a message the codec decoded encodes to a payload it refuses", e);
        }
        assertThat(again).as("the message decoded from its own encoding").isEqualTo(message);
        assertThat(codec.encode(again).payload()).as("the encoding of the decoded encoding")
                .isEqualTo(encoded.payload());
    }

    private static byte[] written(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Framing.write(out, frame);
        return out.toByteArray();
    }
}

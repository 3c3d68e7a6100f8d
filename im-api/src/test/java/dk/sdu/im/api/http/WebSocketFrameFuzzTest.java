package dk.sdu.im.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the WebSocket frame reader of IM/User's HTTP server ({@link FrameInput} under {@link MessageReader}) with
 * whatever a client may send after the 101: messages are read as a session reads them, binary ones in pieces of
 * changing sizes and offsets, every third one only in part and then skipped. A {@link ProtocolViolation} with a code
 * the connection may close with, an end of stream, or the peer closing inside a binary message are the expected
 * answers to bad input; any other exception, an error or a hang is a finding.
 *
 * <p>Property: what the reader hands out (messages, ping payloads, the peer's close) is what a plain reading of the
 * same bytes gives ({@link PlainReading}: one byte at a time, XOR with key byte {@code i % 4}), up to where the
 * reader stopped.
 *
 * <p>Seeds, and findings once fixed: {@code src/test/resources/dk/sdu/im/api/http/WebSocketFrameFuzzTestInputs/clientFrames/}
 * (docs/fuzzing.md). The timeout bounds one input; it is far above what any input takes, so only a hang reaches it.
 */
class WebSocketFrameFuzzTest {
    /** Small limits, so that inputs of a few KiB reach them too. */
    private static final HttpListener.Settings LIMITS = new HttpListener.Settings(Duration.ofSeconds(10), 1024, 1024,
            2048, Duration.ofMinutes(5), () -> { });
    /** Read sizes for binary payloads: below, at and above the eight bytes the unmasking takes at a time. */
    private static final int[] PIECES = {1, 3, 8, 13, 64, 4096};
    /**
     * A binary message read only in part ({@code "binary:"} is one read to its end): the reader hands a binary
     * message out at its first frame, so the rest may never arrive.
     */
    private static final String STARTED = "binary-start:";

    @FuzzTest
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clientFrames(byte[] input) {
        Session session = new Session(input);
        try {
            session.readAll();
        } catch (ProtocolViolation e) {
            assertThat(e.code()).as("the close code for " + e.getMessage())
                    .isIn(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD, CloseCodes.TOO_BIG);
        } catch (IOException expected) {
            // The input ended inside a frame or a message.
        }
        PlainReading plain = PlainReading.of(input);
        assertThat(session.pings).as("the pings answered").isEqualTo(prefix(plain.pings(), session.pings.size()));
        assertThat(session.messages.size()).as("messages handed out").isLessThanOrEqualTo(plain.messages().size());
        for (int i = 0; i < session.messages.size(); i++) {
            String seen = session.messages.get(i);
            String plainly = plain.messages().get(i);
            if (seen.startsWith(STARTED)) {
                assertThat(hexOf(plainly)).as("message %d", i).startsWith(hexOf(seen));
            } else {
                assertThat(seen).as("message %d", i).isEqualTo(plainly);
            }
        }
    }

    /** The payload of a binary message, in hex, whether it was read whole or only begun. */
    private static String hexOf(String binary) {
        return binary.substring(binary.indexOf(':') + 1);
    }

    private static List<String> prefix(List<String> list, int size) {
        return list.subList(0, Math.min(size, list.size()));
    }

    private static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }

    /** The reading side of one connection, as {@link Connection} drives the reader, recording what it hands out. */
    private static final class Session implements MessageReader.ControlReplies {
        final List<String> messages = new ArrayList<>();
        final List<String> pings = new ArrayList<>();
        private final MessageReader reader;
        private int reads;

        Session(byte[] input) {
            reader = new MessageReader(new FrameInput(new ByteArrayInputStream(input)), LIMITS, this, this::payload);
        }

        /** Reads until the peer's close; throws what the reader throws. */
        void readAll() throws IOException {
            for (int index = 0; ; index++) {
                switch (reader.next()) {
                    case Incoming.Text(String text) -> messages.add("text:" + text);
                    case Incoming.Binary(InputStream payload) -> messages.add(binary(payload, index % 3 == 2));
                    case Incoming.Closed(int code, String reason) -> {
                        messages.add("close:" + code + ":" + reason);
                        assertThat(reader.next()).as("a read after the close").isEqualTo(new Incoming.Closed(code, reason));
                        return;
                    }
                }
            }
        }

        private String binary(InputStream payload, boolean onlyStart) throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096 + 8];
            while (true) {
                int offset = reads % 8;
                int read = payload.read(buffer, offset, PIECES[reads++ % PIECES.length]);
                if (read < 0) {
                    return "binary:" + hex(message.toByteArray(), message.size());
                }
                message.write(buffer, offset, read);
                if (onlyStart) {
                    return STARTED + hex(message.toByteArray(), message.size());
                }
            }
        }

        private int payload(BinaryPayload stream, byte[] bytes, int offset, int length) throws IOException {
            return reader.readBinary(stream, bytes, offset, length);
        }

        @Override
        public void ping(byte[] payload) {
            pings.add(hex(payload, payload.length));
        }

        @Override
        public void pong() {
            // Keep-alive answers are not part of what the session reads.
        }

        @Override
        public void frameArrived() {
            // Activity matters to the heartbeat, not to what is read.
        }

        @Override
        public void closeReceived(Incoming.Closed close) {
            // Recorded when next() returns it.
        }
    }

    /**
     * The messages and pings in the bytes, read without checks one byte at a time: right for every prefix that the
     * reader accepts, which is all it is compared with. A binary message is there from its first frame on, as the
     * reader hands it out, and marked {@link #STARTED} until its final frame.
     */
    record PlainReading(List<String> messages, List<String> pings) {
        static PlainReading of(byte[] input) {
            PlainReading reading = new PlainReading(new ArrayList<>(), new ArrayList<>());
            ByteArrayOutputStream message = null;
            boolean text = false;
            int at = 0;
            while (at + 2 <= input.length) {
                int first = input[at] & 0xFF;
                int lengthBits = input[at + 1] & 0x7F;
                at += 2;
                int extended = lengthBits == 126 ? 2 : lengthBits == 127 ? 8 : 0;
                if (at + extended + 4 > input.length) {
                    break;
                }
                long length = extended == 0 ? lengthBits : 0;
                for (int i = 0; i < extended; i++) {
                    length = length << 8 | input[at++] & 0xFF;
                }
                int key = at;
                at += 4;
                if (length < 0) {
                    break;
                }
                // A binary message is handed out before its payload is read, so a truncated one is there in part.
                boolean whole = length <= input.length - at;
                byte[] payload = new byte[(int) Math.min(length, input.length - at)];
                for (int i = 0; i < payload.length; i++) {
                    payload[i] = (byte) (input[at + i] ^ input[key + i % 4]);
                }
                at += payload.length;
                boolean fin = whole && (first & 0x80) != 0;
                if (!whole && (first & 0x08) != 0) {
                    return reading;
                }
                switch (first & 0x0F) {
                    case 0x1, 0x2 -> {
                        text = (first & 0x0F) == 0x1;
                        message = new ByteArrayOutputStream();
                        if (!text) {
                            reading.messages.add(STARTED);
                        }
                    }
                    case 0x0 -> {
                        if (message == null) {
                            return reading;
                        }
                    }
                    case 0x8 -> {
                        reading.messages.add(close(payload));
                        return reading;
                    }
                    case 0x9 -> {
                        reading.pings.add(hex(payload, payload.length));
                        continue;
                    }
                    case 0xA -> {
                        continue;
                    }
                    default -> {
                        return reading;
                    }
                }
                message.writeBytes(payload);
                if (text && fin) {
                    reading.messages.add("text:" + message.toString(StandardCharsets.UTF_8));
                } else if (!text) {
                    reading.messages.set(reading.messages.size() - 1,
                            (fin ? "binary:" : STARTED) + hex(message.toByteArray(), message.size()));
                }
                message = fin ? null : message;
                if (!whole) {
                    return reading;
                }
            }
            return reading;
        }

        private static String close(byte[] payload) {
            if (payload.length < 2) {
                return "close:" + CloseCodes.NO_STATUS + ":";
            }
            return "close:" + ((payload[0] & 0xFF) << 8 | payload[1] & 0xFF) + ":"
                    + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }
}

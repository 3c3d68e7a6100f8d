package dk.sdu.im.ipc;

/**
 * The fixed facts of the wire protocol that both ends must agree on.
 *
 * <p>A frame is {@code u32 length (big-endian) | u8 tag | payload}, where {@code length} counts the payload
 * bytes only. Changing any constant here is a protocol change and needs a new {@link #VERSION}.
 */
public final class IpcProtocol {
    /** The protocol name every {@code Hello} must carry; anything else is not one of our clients. */
    public static final String NAME = "ucloud-im-ipc";

    /** The one protocol version this code speaks; a {@code Hello} with another version is refused. */
    public static final int VERSION = 6;

    /** The largest payload of one frame, 64 KiB, checked before writing and before reading a frame. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private IpcProtocol() {
    }
}

package dk.sdu.im.ipc;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/**
 * How much of a list fits in one {@link ServerToAdmin} reply: entries are taken in order while their JSON, with
 * room for the reply around them, stays within one frame ({@link IpcProtocol#MAX_PAYLOAD_BYTES}). Used by IM/Server to
 * cut pages; the client asks for the next page after the last key it got.
 */
public final class AdminPages {
    /** Room for the reply's own fields and brackets. */
    private static final int ENVELOPE_BYTES = 256;

    private AdminPages() {
    }

    /** The longest prefix of {@code entries} that fits in one reply (empty when not even the first fits). */
    public static <T extends Record> List<T> fitting(List<T> entries) {
        long used = ENVELOPE_BYTES;
        for (int i = 0; i < entries.size(); i++) {
            used += size(entries.get(i)) + 1;
            if (used > IpcProtocol.MAX_PAYLOAD_BYTES) {
                return List.copyOf(entries.subList(0, i));
            }
        }
        return List.copyOf(entries);
    }

    private static int size(Record entry) {
        try {
            return StrictJson.MAPPER.writeValueAsBytes(entry).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + entry.getClass().getSimpleName(), e);
        }
    }
}

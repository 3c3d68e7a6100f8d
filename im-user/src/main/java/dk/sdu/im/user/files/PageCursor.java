package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * The opaque {@code next} token of a listing: the position after which the next page starts, that is the sort
 * key and name of the last entry served, bound to the folder and ordering it was made for. A position rather
 * than an offset, so files created or deleted between two requests neither repeat nor push surviving files
 * past the page boundary.
 *
 * <p>Format (base64url, no padding): version byte, CRC32C of folder and ordering (4 bytes), sort key (8 bytes),
 * then the name as UTF-8. Trust: the token comes back from the client unauthenticated. It only names a position
 * in a folder the caller may list anyway, so a forged one can at worst start a page elsewhere; a token that does
 * not decode exactly, or was made for another folder or ordering, is refused with 400.
 */
record PageCursor(long key, String name) {
    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 4 + 8;
    private static final int MAX_TOKEN = 1024;

    static PageCursor after(Entry last) {
        return new PageCursor(last.key(), last.name());
    }

    Entry position() {
        return new Entry(name, key);
    }

    String encode(UCloudPath folder, Ordering ordering) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(HEADER + bytes.length);
        out.put(VERSION).putInt(scope(folder, ordering)).putLong(key).put(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** The cursor in {@code token}, or null when there is none (first page); 400 when it is not valid here. */
    static PageCursor decode(String token, UCloudPath folder, Ordering ordering) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        ByteBuffer in = bytes(token);
        if (in.remaining() <= HEADER || in.get() != VERSION || in.getInt() != scope(folder, ordering)) {
            throw invalid();
        }
        long key = in.getLong();
        String name = name(in);
        if (name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw invalid();
        }
        return new PageCursor(key, name);
    }

    private static ByteBuffer bytes(String token) {
        if (token.length() > MAX_TOKEN) {
            throw invalid();
        }
        try {
            return ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static String name(ByteBuffer in) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
    }

    private static int scope(UCloudPath folder, Ordering ordering) {
        CRC32C crc = new CRC32C();
        crc.update((folder + "\0" + ordering.by() + "\0" + ordering.descending()).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static ApiException invalid() {
        return ApiException.badRequest("The page token (next) is not valid for this folder and order; "
                + "start again from the first page");
    }
}

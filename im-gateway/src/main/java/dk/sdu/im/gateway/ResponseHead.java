package dk.sdu.im.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response head from a backend: {@code version SP status SP reason} and the header fields. Backends
 * are the module's own processes, but their output is still parsed strictly: a malformed head becomes
 * a 502, never a guess.
 */
record ResponseHead(String version, int status, String reason, HeaderFields headers) {
    static ResponseHead parse(List<String> lines) throws BadHead {
        String line = lines.getFirst();
        if (!line.matches("HTTP/1\\.[01] [1-9][0-9][0-9]( .*)?")) {
            throw BadHead.malformed("malformed status line");
        }
        String reason = line.length() > 12 ? line.substring(13) : "";
        if (!reason.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
            throw BadHead.malformed("control character in the reason phrase");
        }
        return new ResponseHead(line.substring(0, 8), Integer.parseInt(line.substring(9, 12)), reason,
                HeaderFields.parse(lines.subList(1, lines.size())));
    }

    /** 1xx other than 101: forwarded, then the final response follows (RFC 9110 15.2). */
    boolean isInterim() {
        return status >= 100 && status < 200 && status != 101;
    }

    byte[] bytes(HeaderFields fields) {
        StringBuilder head = new StringBuilder(512).append(version).append(' ').append(status).append(' ')
                .append(reason).append("\r\n");
        fields.appendTo(head);
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}

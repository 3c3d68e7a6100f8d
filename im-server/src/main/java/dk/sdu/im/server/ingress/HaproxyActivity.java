package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What HAProxy knows of a user's requests it sent straight to an instance: the printed fragment tracks each of them in
 * a stick table keyed by the {@code ucloud-username} value, which counts the ones still open ({@code conn_cur}:
 * requests in flight, WebSockets) and restarts the entry's expiry at each one. So the time since the last is the
 * table's expiry minus what is left of it. The embedded gateway never sees these requests and an instance reports its
 * own activity only every few seconds, so without this an instance could be stopped as idle while HAProxy hands it a
 * request.
 */
final class HaproxyActivity {
    /** The stick table's name in the printed fragment. */
    static final String TABLE = "ucloud-im-activity";
    /** Its entries' lifetime: longer than the longest idle timeout ({@code instances.idleTimeoutSeconds} 86400). */
    static final Duration EXPIRE = Duration.ofDays(2);
    private static final Pattern ENTRY = Pattern.compile("\\buse=(\\d+) exp=(\\d+)\\b.*\\bconn_cur=(\\d+)");

    private final RuntimeApi api;

    HaproxyActivity(RuntimeApi api) {
        this.api = api;
    }

    /** The fragment's lines: the table, in a backend of its own. */
    static String table() {
        return "backend " + TABLE + " from ucloud-im\n    stick-table type string len 256 size 20k expire "
                + EXPIRE.toHours() + "h store conn_cur,http_req_cnt\n";
    }

    /** The fragment's line that tracks each request sent straight to an instance. */
    static String track() {
        return "http-request track-sc0 req.hdr(ucloud-username) table " + TABLE;
    }

    /**
     * 0 while HAProxy has a request or WebSocket of this user's open at an instance, else milliseconds since it sent the
     * last one; empty if it sent none within {@link #EXPIRE} (or since it started).
     *
     * @param key the {@code ucloud-username} header value
     */
    OptionalLong quietMillis(String key) throws IOException {
        String answer = api.send("show table " + TABLE + " key " + key);
        if (!answer.startsWith("# table: " + TABLE)) {
            throw new RoutesMap.UnexpectedAnswer("show table", answer);
        }
        Matcher entry = ENTRY.matcher(answer);
        if (!entry.find()) {
            return OptionalLong.empty();
        }
        if (Long.parseLong(entry.group(1)) > 0 || Long.parseLong(entry.group(3)) > 0) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(Math.max(0, EXPIRE.toMillis() - Long.parseLong(entry.group(2))));
    }
}

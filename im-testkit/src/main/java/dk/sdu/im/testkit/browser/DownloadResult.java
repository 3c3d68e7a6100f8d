package dk.sdu.im.testkit.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Download} got: status and headers (names matched case-insensitively), the number of body
 * bytes, the digest in hex when the sink was {@link DownloadSink.ToDigest} and the body was 2xx (else null),
 * the body as text when the status was not 2xx (else null), and the time from request to last byte.
 */
public record DownloadResult(int status, Map<String, List<String>> headers, long bytes, String digestHex,
                             String errorBody, Duration elapsed) {
    public DownloadResult {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}

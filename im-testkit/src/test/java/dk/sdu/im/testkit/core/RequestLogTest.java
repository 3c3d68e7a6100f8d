package dk.sdu.im.testkit.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {
    private static RecordedRequest request(String path) {
        return new RecordedRequest("GET", path, Map.of(), Map.of(), "", null, 200);
    }

    @Test
    void dropsTheOldestHalfWhenFullAndStillFindsLaterRequests() throws InterruptedException {
        RequestLog log = new RequestLog();
        for (int i = 0; i <= RequestLog.LIMIT; i++) {
            log.append(request("/" + i));
        }

        assertThat(log.snapshot()).hasSize(RequestLog.LIMIT / 2 + 1);
        assertThat(log.snapshot().getLast().path()).isEqualTo("/" + RequestLog.LIMIT);
        assertThat(log.await(r -> r.path().equals("/" + RequestLog.LIMIT), Duration.ZERO)).isTrue();
        assertThat(log.await(r -> r.path().equals("/0"), Duration.ZERO)).isFalse();
    }

    @Test
    void clearForgetsEarlierRequests() throws InterruptedException {
        RequestLog log = new RequestLog();
        log.append(request("/a"));
        log.clear();
        log.append(request("/b"));

        assertThat(log.snapshot()).extracting(RecordedRequest::path).containsExactly("/b");
        assertThat(log.await(r -> r.path().equals("/a"), Duration.ZERO)).isFalse();
    }
}

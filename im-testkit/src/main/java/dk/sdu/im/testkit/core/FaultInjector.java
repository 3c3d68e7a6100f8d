package dk.sdu.im.testkit.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test-controlled failures, consulted before routing or auth: an outage (every request answers 503, as
 * when Core is down) and a number of injected failures for one exact path. Thread-safe (monitor).
 */
final class FaultInjector {
    private boolean outage;
    private final Map<String, Injected> pending = new HashMap<>();

    private record Injected(int status, int remaining) {
    }

    /** A failure Core should answer with instead of serving the request. */
    record Fault(int status, String why) {
    }

    synchronized void setOutage(boolean on) {
        outage = on;
    }

    synchronized void failNext(String path, int status, int times) {
        if (status < 100 || status > 599 || times < 0) {
            throw new IllegalArgumentException("status must be 100..599 and times >= 0");
        }
        if (times == 0) {
            pending.remove(path);
        } else {
            pending.put(path, new Injected(status, times));
        }
    }

    synchronized Optional<Fault> intercept(String path) {
        if (outage) {
            return Optional.of(new Fault(503, "Service unavailable"));
        }
        Injected injected = pending.get(path);
        if (injected == null) {
            return Optional.empty();
        }
        if (injected.remaining() == 1) {
            pending.remove(path);
        } else {
            pending.put(path, new Injected(injected.status(), injected.remaining() - 1));
        }
        return Optional.of(new Fault(injected.status(), "Injected failure"));
    }
}

package dk.sdu.im.user;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** When this instance last served a request; IM/Server decides idleness from it (and the gateway's view). */
final class Activity {
    private final Clock clock;
    private final AtomicLong lastRequest;

    Activity(Clock clock) {
        this.clock = clock;
        this.lastRequest = new AtomicLong(clock.millis());
    }

    void touch() {
        lastRequest.set(clock.millis());
    }

    long lastRequestMillis() {
        return lastRequest.get();
    }
}

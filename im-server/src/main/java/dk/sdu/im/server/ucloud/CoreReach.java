package dk.sdu.im.server.ucloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How IM/Server's callbacks to UCloud went: how many were made, how many failed and why (in a few fixed words), and
 * when UCloud last answered one. Read by the metrics and by the readiness check; nothing here decides anything.
 * Thread-safe.
 */
public final class CoreReach {
    /** Why a callback failed, by {@link CoreFailure#status()}. */
    public enum Reason {
        /** No answer at all: refused, reset or timed out. */
        UNREACHABLE,
        /** UCloud did not accept the provider's token (401). */
        UNAUTHORIZED,
        /** Another 4xx answer: UCloud refused the request itself. */
        REFUSED,
        /** A 5xx answer, or a reply that is not what the contract says. */
        SERVER_ERROR;

        static Reason of(CoreFailure failure) {
            int status = failure.status();
            return status == 0 ? UNREACHABLE : status == 401 ? UNAUTHORIZED : status < 500 ? REFUSED : SERVER_ERROR;
        }
    }

    /** The last failure that was not a refusal: when, and its message (which names the call and UCloud's reason, never a token). */
    public record LastFailure(Instant at, String message) {
    }

    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    private final Map<Reason, AtomicLong> failures = new EnumMap<>(Reason.class);
    private volatile Instant lastAnswer = Instant.MIN;
    private volatile Optional<LastFailure> lastFailure = Optional.empty();

    public CoreReach(Clock clock) {
        this.clock = clock;
        for (Reason reason : Reason.values()) {
            failures.put(reason, new AtomicLong());
        }
    }

    void succeeded() {
        calls.incrementAndGet();
        lastAnswer = clock.instant();
    }

    /** A refusal (4xx but 401) is still UCloud answering; every other failure says UCloud cannot be used now. */
    void failed(CoreFailure failure) {
        calls.incrementAndGet();
        Reason reason = Reason.of(failure);
        failures.get(reason).incrementAndGet();
        if (reason == Reason.REFUSED) {
            lastAnswer = clock.instant();
        } else {
            lastFailure = Optional.of(new LastFailure(clock.instant(), failure.getMessage()));
        }
    }

    public long calls() {
        return calls.get();
    }

    public long failures(Reason reason) {
        return failures.get(reason).get();
    }

    /** When UCloud last answered a callback successfully; {@link Instant#MIN} before the first. */
    public Instant lastAnswer() {
        return lastAnswer;
    }

    public Optional<LastFailure> lastFailure() {
        return lastFailure;
    }

    /**
     * Whether UCloud answered within {@code window} and no callback failed since (refusals aside): such a failure after
     * the last answer counts until UCloud answers again.
     */
    public boolean answeredWithin(Duration window) {
        Instant answered = lastAnswer;
        boolean failedSince = lastFailure.map(f -> !f.at().isBefore(answered)).orElse(false);
        return !failedSince && !answered.isBefore(clock.instant().minus(window));
    }
}

package dk.sdu.im.server.metrics;

import dk.sdu.im.server.ucloud.CoreReach;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether IM/Server can serve users now ({@code /readyz}), as three named checks, in this order:
 * <ul>
 *   <li>{@code database}: a pooled connection is borrowed and checked within {@value #DATABASE_SECONDS} s;</li>
 *   <li>{@code launcher}: the sudo rule and the launcher are usable and only root can change what a launch reads, as
 *   every launch checks it (the supervisor's launch check: SudoGate, LaunchInputs, InstallIntegrity);</li>
 *   <li>{@code core}: UCloud answered a callback within the last {@link #CORE_WINDOW} with no failure since; when it
 *   did not, the check asks UCloud for a fresh access token once (at most every {@link #PROBE_INTERVAL}).</li>
 * </ul>
 * A verdict is reused for {@link #REUSE}, so a flood of requests from local users costs no more than one check per
 * interval (no sudo, database or UCloud storm). Thread-safe: one evaluation at a time.
 */
public final class Readiness {
    static final long DATABASE_SECONDS = 3;
    public static final Duration CORE_WINDOW = Duration.ofMinutes(5);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(10);
    static final Duration REUSE = Duration.ofSeconds(1);

    /** One check that failed: its name and what the administrator should know, in one line. */
    public record Failing(String check, String problem) {
    }

    /** The checks' outcome: ready when nothing fails. */
    public record Verdict(List<Failing> failing) {
        public Verdict {
            failing = List.copyOf(failing);
        }

        public boolean ready() {
            return failing.isEmpty();
        }
    }

    /** What the checks ask; each problem is one line, empty when fine. */
    public record Checks(Runnable database, Supplier<List<String>> launcher, CoreReach core, Probe coreProbe) {
    }

    /** Asks UCloud something cheap; throws with the reason when UCloud does not answer. */
    @FunctionalInterface
    public interface Probe {
        void probe() throws Exception;
    }

    private final Checks checks;
    private final Clock clock;
    private Instant lastProbe = Instant.MIN;
    private Instant judgedAt = Instant.MIN;
    private Verdict last;

    public Readiness(Checks checks, Clock clock) {
        this.checks = checks;
        this.clock = clock;
    }

    public synchronized Verdict verdict() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(judgedAt.plus(REUSE))) {
            return last;
        }
        List<Failing> failing = new ArrayList<>();
        database().ifPresent(problem -> failing.add(new Failing("database", problem)));
        List<String> launch = checks.launcher().get();
        if (!launch.isEmpty()) {
            failing.add(new Failing("launcher", String.join("; ", launch)));
        }
        core(now).ifPresent(problem -> failing.add(new Failing("core", problem)));
        last = new Verdict(failing);
        judgedAt = clock.instant();
        return last;
    }

    private Optional<String> database() {
        var check = CompletableFuture.runAsync(checks.database(), task -> Thread.ofVirtual().name("readiness-db").start(task));
        try {
            check.get(DATABASE_SECONDS, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no database connection within " + DATABASE_SECONDS + " s");
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking the database");
        }
    }

    private Optional<String> core(Instant now) {
        CoreReach core = checks.core();
        if (core.answeredWithin(CORE_WINDOW)) {
            return Optional.empty();
        }
        if (!now.isBefore(lastProbe.plus(PROBE_INTERVAL))) {
            lastProbe = now;
            try {
                checks.coreProbe().probe();
            } catch (Exception e) {
                // recorded by the probe; the verdict below says why
            }
        }
        if (core.answeredWithin(CORE_WINDOW)) {
            return Optional.empty();
        }
        return Optional.of("UCloud has not answered within " + CORE_WINDOW.toMinutes() + " minutes"
                + core.lastFailure().map(f -> "; last failure at " + f.at() + ": " + f.message()).orElse(""));
    }
}

package dk.sdu.im.server.metrics;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.db.Database;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.server.instances.InstanceEvents;
import dk.sdu.im.server.ucloud.CoreReach;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every metric family IM/Server exposes, in one registry of its own (no global state), and the observers the rest of
 * IM/Server reports to: requests ({@link #requests()}), launches and instances' reports ({@link #instanceEvents()}),
 * and, read at each scrape, the sources in {@link Sources}. Names carry the {@code ucloud_im_} prefix and their unit.
 * Labels are bounded: process, call, status, phase, reason, direction, state; never a user. Thread-safe.
 */
public final class ServerMetrics {
    /** Cold starts take from tens of milliseconds (a warm AOT cache) to the start timeout. */
    private static final double[] COLD_START_BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60};
    private static final java.util.List<String> PHASES = java.util.List.of("mapping", "install_check", "spawn", "registration");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CallTable calls = new CallTable();
    private final Histogram coldStart;
    private final Histogram coldStartPhase;
    private final Counter launchFailures;
    private final Counter transferBytes;
    /** What each registered instance last said it runs: uploads, downloads. */
    private final Map<InstanceSession, int[]> activeTransfers = new ConcurrentHashMap<>();

    /**
     * What is read at each scrape. {@code jobsByState} counts tracked jobs not yet over by their last state (may be
     * empty when jobs are off).
     */
    public record Sources(IntSupplier runningInstances, IntSupplier routes, Supplier<Database.PoolUse> pool,
                          CoreReach core, Supplier<Map<String, Integer>> jobsByState) {
    }

    public ServerMetrics(String version) {
        registry.register(calls);
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder().name("ucloud_im_build_info").help("This IM/Server's version").labelNames("version")
                .callback(cb -> cb.call(1, version)).register(registry);
        coldStart = Histogram.builder().name("ucloud_im_cold_start_duration_seconds")
                .help("From a first request's launch to the verified instance's route being up")
                .classicOnly().classicUpperBounds(COLD_START_BOUNDS).register(registry);
        coldStartPhase = Histogram.builder().name("ucloud_im_cold_start_phase_duration_seconds")
                .help("Each phase of a cold start: mapping, install_check, spawn, registration")
                .labelNames("phase").classicOnly().classicUpperBounds(COLD_START_BOUNDS).register(registry);
        for (String phase : PHASES) {
            coldStartPhase.labelValues(phase); // present before the first cold start, at zero
        }
        launchFailures = Counter.builder().name("ucloud_im_launch_failures")
                .help("Launches that gave no verified instance, by reason").labelNames("reason").register(registry);
        for (InstanceEvents.Failure reason : InstanceEvents.Failure.values()) {
            launchFailures.labelValues(word(reason)).inc(0); // every reason present from the start, so rate() works
        }
        transferBytes = Counter.builder().name("ucloud_im_transfer_bytes")
                .help("File bytes moved by browsers' uploads and downloads in instances").labelNames("direction")
                .register(registry);
        transferBytes.labelValues("upload").inc(0);
        transferBytes.labelValues("download").inc(0);
        GaugeWithCallback.builder().name("ucloud_im_transfers_active")
                .help("Uploads and downloads running in instances, as they last reported").labelNames("direction")
                .callback(cb -> {
                    cb.call(activeSum(0), "upload");
                    cb.call(activeSum(1), "download");
                }).register(registry);
    }

    /** Registers the families read at each scrape; call once, when the sources exist. */
    public void watch(Sources sources) {
        GaugeWithCallback.builder().name("ucloud_im_instances_running").help("Verified IM/User instances")
                .callback(cb -> cb.call(sources.runningInstances().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("ucloud_im_routes").help("Routes to instances in the gateway")
                .callback(cb -> cb.call(sources.routes().getAsInt())).register(registry);
        GaugeWithCallback.builder().name("ucloud_im_db_pool_connections")
                .help("Database pool connections by state (active, idle) and threads waiting for one (waiting)")
                .labelNames("state").callback(cb -> {
                    Database.PoolUse use = sources.pool().get();
                    cb.call(use.active(), "active");
                    cb.call(use.idle(), "idle");
                    cb.call(use.waiting(), "waiting");
                }).register(registry);
        GaugeWithCallback.builder().name("ucloud_im_db_pool_max_connections").help("The most connections the pool opens")
                .callback(cb -> cb.call(sources.pool().get().max())).register(registry);
        CoreReach core = sources.core();
        CounterWithCallback.builder().name("ucloud_im_core_callbacks").help("Callbacks to UCloud, failed or not")
                .callback(cb -> cb.call(core.calls())).register(registry);
        CounterWithCallback.builder().name("ucloud_im_core_callback_failures")
                .help("Callbacks to UCloud that failed, by reason").labelNames("reason").callback(cb -> {
                    for (CoreReach.Reason reason : CoreReach.Reason.values()) {
                        cb.call(core.failures(reason), word(reason));
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("ucloud_im_core_last_answer_timestamp_seconds")
                .help("When UCloud last answered a callback (Unix time; 0 before the first)")
                .callback(cb -> cb.call(seconds(core.lastAnswer()))).register(registry);
        GaugeWithCallback.builder().name("ucloud_im_jobs").help("Tracked jobs not yet over, by their last state")
                .labelNames("state").callback(cb -> sources.jobsByState().get()
                        .forEach((state, count) -> cb.call(count, state))).register(registry);
    }

    /** Told of each of IM/Server's own requests. */
    public RequestLog.Observer requests() {
        return calls::served;
    }

    /** Told of launches, cold starts and instances' reports by the supervisor. */
    public InstanceEvents instanceEvents() {
        return new InstanceEvents() {
            @Override
            public void coldStart(ColdStartPhases phases) {
                coldStart.observe(phases.total().toNanos() / 1e9);
                coldStartPhase.labelValues("mapping").observe(phases.mapping().toNanos() / 1e9);
                coldStartPhase.labelValues("install_check").observe(phases.installCheck().toNanos() / 1e9);
                coldStartPhase.labelValues("spawn").observe(phases.spawn().toNanos() / 1e9);
                coldStartPhase.labelValues("registration").observe(phases.registration().toNanos() / 1e9);
            }

            @Override
            public void launchFailed(Failure reason) {
                launchFailures.labelValues(word(reason)).inc();
            }

            @Override
            public void served(InstanceSession session, InstanceToServer.Served served) {
                served.calls().forEach(calls::reported);
                transferBytes.labelValues("upload").inc(served.uploadedBytes());
                transferBytes.labelValues("download").inc(served.downloadedBytes());
                activeTransfers.put(session, new int[] {served.activeUploads(), served.activeDownloads()});
            }

            @Override
            public void closed(InstanceSession session) {
                activeTransfers.remove(session);
            }
        };
    }

    /** Every family in Prometheus' text format (version 0.0.4). */
    public byte[] scrape() {
        var out = new ByteArrayOutputStream(16 * 1024);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(),
                    io.prometheus.metrics.config.EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The text format's media type. */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private long activeSum(int index) {
        return activeTransfers.values().stream().mapToLong(figures -> figures[index]).sum();
    }

    private static double seconds(Instant instant) {
        return instant.equals(Instant.MIN) ? 0 : instant.toEpochMilli() / 1000.0;
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dk.sdu.im.server.ingress;

import dk.sdu.im.config.HaproxyConfig;
import dk.sdu.im.gateway.RouteKey;
import dk.sdu.im.server.instances.RouteTable;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The route table with HAProxy in front ({@code gateway.type: haproxy}): every route goes to the embedded gateway, at
 * once, and to HAProxy's routes map, keyed by the {@code ucloud-username} header value as UCloud sends it
 * ({@link RouteKey#header}) with the instance's port as value. The map file is rewritten at every change, so a
 * restarted HAProxy starts with every route.
 *
 * <p>HAProxy's side is changed on one thread, in the order of the calls, one command per connection. A route going
 * up does not wait for HAProxy (the embedded gateway forwards the request held for a cold start); a route going down
 * waits up to {@link #DOWN_PATIENCE} for HAProxy to drop it, so an instance told to stop gets no further requests
 * from it. Every {@code pollPeriod} the thread asks HAProxy which process answers ({@code show info}) and what its map
 * holds: when the process is new (HAProxy restarted), when an earlier command failed or HAProxy was unreachable, or
 * when the map differs from the routes, it sends every route again in one atomic replace. Outages and recoveries are
 * logged once each.
 *
 * <p>Whether a user is quiet, for the supervisor's idle check, is asked of both ways in: the embedded gateway and
 * HAProxy's activity table ({@link HaproxyActivity}), since what HAProxy sends straight to an instance never passes
 * the gateway and the instance reports its own activity only every few seconds.
 *
 * <p>Invariant 5 is the caller's: the supervisor calls {@link #up} only for an instance that proved who it is, and
 * this class puts nothing into HAProxy's map that {@code up} did not give it.
 */
public final class HaproxyRoutes implements RouteTable, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HaproxyRoutes.class.getName());
    static final Duration DOWN_PATIENCE = Duration.ofSeconds(1);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RouteTable embedded;
    private final RoutesMap haproxy;
    private final HaproxyActivity activity;
    private final RuntimeApi api;
    private final MapFile file;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    /** The routes, header value to port, in the order they went up; only the worker thread touches the fields below. */
    private final Map<String, Integer> routes = new LinkedHashMap<>();
    private boolean inStep;
    /** What went wrong first since HAProxy last held every route (null: nothing); logged then, and at recovery. */
    private String failure;
    private HaproxyProcess process;

    private HaproxyRoutes(RouteTable embedded, HaproxyConfig config, Duration pollPeriod) {
        this.embedded = embedded;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("haproxy-timer").factory());
        this.api = new RuntimeApi(config.runtimeSocket(), COMMAND_TIMEOUT, timer);
        this.haproxy = new RoutesMap(api, config.mapFile());
        this.activity = new HaproxyActivity(api);
        this.file = new MapFile(config.mapFile());
        this.worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("haproxy-routes").factory());
        timer.scheduleWithFixedDelay(() -> onWorker(this::check), 0, pollPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Writes an empty map file (an earlier IM/Server's instances are gone or stopping) and starts keeping HAProxy in
     * step with {@code embedded}'s routes; the first check, at once, empties HAProxy's map too.
     *
     * @throws IOException if the map file cannot be written
     */
    public static HaproxyRoutes start(RouteTable embedded, HaproxyConfig config, Duration pollPeriod) throws IOException {
        new MapFile(config.mapFile()).write(Map.of());
        return new HaproxyRoutes(embedded, config, pollPeriod);
    }

    @Override
    public void up(String ucloudUsername, int port) {
        embedded.up(ucloudUsername, port);
        String key = RouteKey.header(ucloudUsername);
        onWorker(() -> change(key, port));
    }

    @Override
    public void down(String ucloudUsername) {
        String key = RouteKey.header(ucloudUsername);
        Future<?> removed = onWorker(() -> change(key, null));
        try {
            removed.get(DOWN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warning(() -> "HAProxy did not drop the route of " + ucloudUsername + " within " + DOWN_PATIENCE.toMillis()
                    + " ms; it is dropped when HAProxy answers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warning(() -> "dropping the route of " + ucloudUsername + " from HAProxy failed: " + e.getCause());
        } finally {
            embedded.down(ucloudUsername);
        }
    }

    /**
     * The quieter of the two ways in: the embedded gateway's view and HAProxy's ({@link HaproxyActivity}); asked only
     * for an instance whose own reports say it is idle. When HAProxy cannot say, the embedded gateway's view and the
     * instance's reports decide, as they would without it.
     */
    @Override
    public long quietMillis(String ucloudUsername) {
        long gateway = embedded.quietMillis(ucloudUsername);
        try {
            return Math.min(gateway, activity.quietMillis(RouteKey.header(ucloudUsername)).orElse(Long.MAX_VALUE));
        } catch (IOException e) {
            LOG.fine(() -> "HAProxy could not say how quiet " + ucloudUsername + " is: " + e.getMessage());
            return gateway;
        }
    }

    /** A snapshot of what this table wants HAProxy's map to hold: header value to port. */
    public Map<String, Integer> routes() {
        try {
            return worker.submit(() -> Map.copyOf(routes)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@code port} null: the route goes down. On the worker thread. */
    private void change(String key, Integer port) {
        if (port == null) {
            routes.remove(key);
        } else {
            routes.remove(key); // a route that moved goes to the end, like a new one
            routes.put(key, port);
        }
        writeFile();
        if (!inStep) {
            return; // the next check sends every route
        }
        try {
            if (port == null) {
                haproxy.remove(key);
            } else {
                haproxy.put(key, port);
            }
        } catch (IOException e) {
            lost(e);
        }
    }

    /** On the worker thread: is HAProxy the process we synchronised, and does its map hold the routes? */
    private void check() {
        try {
            HaproxyProcess now = HaproxyProcess.ask(api);
            if (process != null && !process.equals(now)) {
                LOG.info(() -> "HAProxy restarted (pid " + process.pid() + " before, " + now.pid() + " now); sending every route again");
                inStep = false;
            }
            if (inStep) {
                Optional<Map<String, Integer>> held = haproxy.entries();
                if (held.isPresent() && held.get().equals(routes)) {
                    return;
                }
                LOG.warning(() -> "HAProxy's routes map differs from IM/Server's routes; sending every route again");
            }
            haproxy.replaceAll(routes);
            process = now;
            inStep = true;
            String after = failure == null ? "" : " again, after: " + failure;
            failure = null;
            LOG.info(() -> "HAProxy (pid " + now.pid() + ") holds every route" + after + " (" + routes.size() + " routes)");
        } catch (IOException e) {
            lost(e);
        }
    }

    private void lost(IOException e) {
        inStep = false;
        String what = String.valueOf(e.getMessage());
        if (failure == null) {
            failure = what;
            LOG.warning(() -> "HAProxy's runtime API at " + api.socket() + " failed: " + what + ". Requests it has no route"
                    + " for go to the embedded gateway; every route is sent again once it works (is HAProxy running with the"
                    + " configuration ucloud-im haproxy-config prints?)");
        }
    }

    /** Runs {@code task} on the worker thread; once closed, nothing runs. */
    private Future<?> onWorker(Runnable task) {
        try {
            return worker.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private void writeFile() {
        try {
            file.write(routes);
        } catch (IOException e) {
            LOG.warning(() -> "cannot write HAProxy's map file " + file.path() + ": " + e
                    + "; a restarted HAProxy would start without the routes, until IM/Server sends them");
        }
    }

    /** Stops polling; changes already asked for are sent first (at most a few seconds). */
    @Override
    public void close() {
        timer.shutdownNow();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

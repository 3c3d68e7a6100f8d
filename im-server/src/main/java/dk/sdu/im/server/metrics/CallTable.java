package dk.sdu.im.server.metrics;

import dk.sdu.im.ipc.InstanceToServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests by process, call and status, and their latencies, from IM/Server's own calls and from instances' reports
 * alike: {@code ucloud_im_requests_total{process,call,status}} and
 * {@code ucloud_im_request_duration_seconds{process,call}} (buckets {@link InstanceToServer.CallTally#LATENCY_BOUNDS_SECONDS}).
 * Instances report bucket counts, which a library histogram cannot take, so this table is a collector of its own.
 * Bounded: past {@value #MAX_SERIES} process/call/status series, new calls are counted as call {@code other}.
 * Thread-safe (one lock).
 */
final class CallTable implements MultiCollector {
    static final int MAX_SERIES = 1024;
    static final String REQUESTS = "ucloud_im_requests";
    static final String DURATION = "ucloud_im_request_duration_seconds";
    private static final double[] BOUNDS = InstanceToServer.CallTally.LATENCY_BOUNDS_SECONDS.stream()
            .mapToDouble(Double::doubleValue).toArray();

    /** Which process served the calls: IM/Server itself, or user instances. */
    enum Process {
        SERVER, USER;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Key(Process process, String call, int status) {
    }

    /** count, summed microseconds, then one count per bucket (the last: slower than every bound). */
    private final Map<Key, long[]> table = new HashMap<>();

    /** One call IM/Server served itself. */
    void served(String call, int status, long nanos) {
        long micros = Math.max(0, nanos / 1000);
        long[] buckets = new long[BOUNDS.length + 1];
        buckets[bucket(micros / 1e6)] = 1;
        add(Process.SERVER, call, status, 1, micros, buckets);
    }

    /** What an instance reported (already bounded by the wire type). */
    void reported(InstanceToServer.CallTally tally) {
        add(Process.USER, tally.call(), tally.status(), tally.count(), tally.micros(),
                tally.buckets().stream().mapToLong(Long::longValue).toArray());
    }

    private synchronized void add(Process process, String call, int status, long count, long micros, long[] buckets) {
        var key = new Key(process, call, status);
        long[] row = table.get(key);
        if (row == null) {
            if (table.size() >= MAX_SERIES) {
                key = new Key(process, "other", status);
            }
            row = table.computeIfAbsent(key, k -> new long[2 + BOUNDS.length + 1]);
        }
        row[0] += count;
        row[1] += micros;
        for (int i = 0; i < buckets.length; i++) {
            row[2 + i] += buckets[i];
        }
    }

    @Override
    public synchronized MetricSnapshots collect() {
        var requests = CounterSnapshot.builder().name(REQUESTS)
                .help("Requests served, by process (server: IM/Server's system calls; user: instances), call and status");
        Map<List<Object>, long[]> byCall = new LinkedHashMap<>();
        table.forEach((key, row) -> {
            requests.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(row[0])
                    .labels(Labels.of("call", key.call(), "process", key.process().label(), "status",
                            Integer.toString(key.status()))).build());
            long[] sum = byCall.computeIfAbsent(List.of(key.process(), key.call()), k -> new long[row.length]);
            for (int i = 0; i < row.length; i++) {
                sum[i] += row[i];
            }
        });
        var durations = HistogramSnapshot.builder().name(DURATION)
                .help("How long requests took to serve, by process and call");
        byCall.forEach((key, row) -> {
            long[] counts = new long[BOUNDS.length + 1];
            System.arraycopy(row, 2, counts, 0, counts.length);
            durations.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds(), counts))
                    .sum(row[1] / 1e6)
                    .labels(Labels.of("call", (String) key.get(1), "process", ((Process) key.get(0)).label())).build());
        });
        return new MetricSnapshots(List.of(requests.build(), durations.build()));
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(REQUESTS, DURATION);
    }

    private static double[] upperBounds() {
        double[] bounds = new double[BOUNDS.length + 1];
        System.arraycopy(BOUNDS, 0, bounds, 0, BOUNDS.length);
        bounds[BOUNDS.length] = Double.POSITIVE_INFINITY;
        return bounds;
    }

    private static int bucket(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** For tests: how many series the table holds. */
    synchronized int series() {
        return table.size();
    }
}

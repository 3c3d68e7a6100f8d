package dk.sdu.im.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.db.Database;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.instances.InstanceEvents;
import dk.sdu.im.server.ucloud.CoreReach;
import dk.sdu.im.testkit.metrics.Scrape;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The families fed by the supervisor and by instances' reports move as their events happen; labels stay bounded. */
class ServerMetricsTest {
    private final ServerMetrics metrics = new ServerMetrics("1.2.3");
    private final InstanceEvents events = metrics.instanceEvents();
    private final Map<String, Integer> jobs = Collections.synchronizedMap(new TreeMap<>());

    ServerMetricsTest() {
        metrics.watch(new ServerMetrics.Sources(() -> 2, () -> 3, () -> new Database.PoolUse(1, 3, 0, 4),
                new CoreReach(Clock.systemUTC()), () -> Map.copyOf(jobs)));
    }

    private Scrape scrape() {
        return Scrape.parse(new String(metrics.scrape(), StandardCharsets.UTF_8));
    }

    private static InstanceToServer.CallTally tally(String call, int status, long count, int bucket) {
        List<Long> buckets = new ArrayList<>(Collections.nCopies(InstanceToServer.CallTally.LATENCY_BOUNDS_SECONDS.size() + 1, 0L));
        buckets.set(bucket, count);
        return new InstanceToServer.CallTally(call, status, count, count * 1_000, buckets);
    }

    @Test
    void aColdStartObservesItsTotalAndEachPhase() {
        events.coldStart(new InstanceEvents.ColdStartPhases(Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofMillis(5), Duration.ofMillis(400)));

        Scrape scrape = scrape();
        assertThat(scrape.value("ucloud_im_cold_start_duration_seconds_count")).isEqualTo(1);
        assertThat(scrape.value("ucloud_im_cold_start_duration_seconds_sum")).isEqualTo(0.41, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scrape.value("ucloud_im_cold_start_duration_seconds_bucket", "le", "0.5")).isEqualTo(1);
        assertThat(scrape.value("ucloud_im_cold_start_duration_seconds_bucket", "le", "0.25")).isZero();
        for (String phase : List.of("mapping", "install_check", "spawn", "registration")) {
            assertThat(scrape.value("ucloud_im_cold_start_phase_duration_seconds_count", "phase", phase)).isEqualTo(1);
        }
    }

    @Test
    void launchFailuresCountByReasonAndEveryReasonIsThereFromTheStart() {
        assertThat(scrape().samples().get("ucloud_im_launch_failures_total")).hasSize(InstanceEvents.Failure.values().length);

        events.launchFailed(InstanceEvents.Failure.START_TIMEOUT);
        events.launchFailed(InstanceEvents.Failure.START_TIMEOUT);

        assertThat(scrape().value("ucloud_im_launch_failures_total", "reason", "start_timeout")).isEqualTo(2);
        assertThat(scrape().value("ucloud_im_launch_failures_total", "reason", "spawn")).isZero();
    }

    @Test
    void instanceReportsAddUpAcrossInstancesAndTheirRunningTransfersEndWithThem() {
        var alice = new Session(1100);
        var bob = new Session(1101);

        events.served(alice, new InstanceToServer.Served(List.of(tally("files.browse", 200, 3, 0)), 1000, 50, 1, 2));
        events.served(bob, new InstanceToServer.Served(List.of(tally("files.browse", 200, 2, 12), tally("files.browse", 404, 1, 0)),
                24, 0, 1, 0));
        events.served(alice, new InstanceToServer.Served(List.of(), 1, 0, 0, 1));

        Scrape scrape = scrape();
        assertThat(scrape.value("ucloud_im_requests_total", "call", "files.browse", "process", "user", "status", "200")).isEqualTo(5);
        assertThat(scrape.value("ucloud_im_requests_total", "call", "files.browse", "process", "user", "status", "404")).isEqualTo(1);
        assertThat(scrape.value("ucloud_im_request_duration_seconds_count", "call", "files.browse", "process", "user")).isEqualTo(6);
        assertThat(scrape.value("ucloud_im_request_duration_seconds_bucket", "call", "files.browse", "process", "user",
                "le", "0.005")).isEqualTo(4);
        assertThat(scrape.value("ucloud_im_request_duration_seconds_bucket", "call", "files.browse", "process", "user",
                "le", "30.0")).isEqualTo(4);
        assertThat(scrape.value("ucloud_im_request_duration_seconds_bucket", "call", "files.browse", "process", "user",
                "le", "+Inf")).isEqualTo(6);
        assertThat(scrape.value("ucloud_im_transfer_bytes_total", "direction", "upload")).isEqualTo(1025);
        assertThat(scrape.value("ucloud_im_transfer_bytes_total", "direction", "download")).isEqualTo(50);
        assertThat(scrape.value("ucloud_im_transfers_active", "direction", "upload")).isEqualTo(1);
        assertThat(scrape.value("ucloud_im_transfers_active", "direction", "download")).isEqualTo(1);

        events.closed(bob);

        assertThat(scrape().value("ucloud_im_transfers_active", "direction", "upload")).isZero();
        assertThat(scrape().value("ucloud_im_transfer_bytes_total", "direction", "upload")).isEqualTo(1025);
    }

    @Test
    void callNamesPastTheSeriesBoundAreCountedAsOther() {
        var hostile = new Session(1100);
        for (int report = 0; report < CallTable.MAX_SERIES / InstanceToServer.Served.MAX_CALLS + 2; report++) {
            List<InstanceToServer.CallTally> calls = new ArrayList<>();
            for (int i = 0; i < InstanceToServer.Served.MAX_CALLS; i++) {
                calls.add(tally("made.up." + report + "." + i, 200, 1, 0));
            }
            events.served(hostile, new InstanceToServer.Served(calls, 0, 0, 0, 0));
        }

        Scrape scrape = scrape();
        assertThat(scrape.samples().get("ucloud_im_requests_total")).hasSizeLessThanOrEqualTo(CallTable.MAX_SERIES + 1);
        assertThat(scrape.value("ucloud_im_requests_total", "call", "other", "process", "user", "status", "200"))
                .isEqualTo(2 * InstanceToServer.Served.MAX_CALLS);
    }

    @Test
    void gaugesReadTheirSourcesAtEachScrape() {
        jobs.put("RUNNING", 2);
        jobs.put("IN_QUEUE", 1);

        Scrape scrape = scrape();
        assertThat(scrape.value("ucloud_im_instances_running")).isEqualTo(2);
        assertThat(scrape.value("ucloud_im_routes")).isEqualTo(3);
        assertThat(scrape.value("ucloud_im_db_pool_connections", "state", "idle")).isEqualTo(3);
        assertThat(scrape.value("ucloud_im_jobs", "state", "RUNNING")).isEqualTo(2);
        assertThat(scrape.value("ucloud_im_build_info", "version", "1.2.3")).isEqualTo(1);

        jobs.remove("IN_QUEUE");
        assertThat(scrape().value("ucloud_im_jobs", "state", "IN_QUEUE")).isZero();
    }

    /** An instance's IPC session as the supervisor hands it on: only its identity matters here. */
    private record Session(int uid) implements InstanceSession {
        @Override
        public Peer peer() {
            return new Peer(uid, uid, 4242);
        }

        @Override
        public void send(ServerToInstance message) {
        }

        @Override
        public void close() {
        }
    }
}

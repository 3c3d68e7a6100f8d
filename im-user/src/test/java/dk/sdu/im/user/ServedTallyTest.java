package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.user.transfer.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an instance reports to IM/Server about what it served: deltas, bounded, naming no user. */
class ServedTallyTest {
    private final ServedTally tally = new ServedTally();

    @Test
    void imUserHasNoMetricsLibraryOnItsClassPath() {
        assertThatThrownBy(() -> Class.forName("io.prometheus.metrics.core.metrics.Counter"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void callsAreTalliedByNameAndStatusIntoLatencyBuckets() {
        tally.served("files.browse", 200, 2_000_000);      // 2 ms: the first bucket (5 ms)
        tally.served("files.browse", 200, 40_000_000);     // 40 ms: the 50 ms bucket
        tally.served("files.browse", 404, 1_000_000);
        tally.served("files.browse", 200, 60_000_000_000L); // a minute: past every bound

        InstanceToServer.Served served = tally.drain().orElseThrow();

        var ok = served.calls().stream().filter(c -> c.status() == 200).findFirst().orElseThrow();
        assertThat(ok.call()).isEqualTo("files.browse");
        assertThat(ok.count()).isEqualTo(3);
        assertThat(ok.micros()).isEqualTo(2_000 + 40_000 + 60_000_000);
        assertThat(ok.buckets().get(0)).isEqualTo(1);
        assertThat(ok.buckets().get(InstanceToServer.CallTally.LATENCY_BOUNDS_SECONDS.indexOf(0.05))).isEqualTo(1);
        assertThat(ok.buckets().getLast()).isEqualTo(1);
        assertThat(served.calls()).extracting(InstanceToServer.CallTally::status).containsExactlyInAnyOrder(200, 404);
    }

    @Test
    void drainingResetsSoEachReportCarriesOnlyWhatIsNew() {
        tally.served("files.browse", 200, 1_000);
        tally.moved(Operation.DOWNLOAD, 4096);
        assertThat(tally.drain()).isPresent();

        assertThat(tally.drain()).isEmpty();

        tally.moved(Operation.UPLOAD, 10);
        InstanceToServer.Served next = tally.drain().orElseThrow();
        assertThat(next.calls()).isEmpty();
        assertThat(next.uploadedBytes()).isEqualTo(10);
        assertThat(next.downloadedBytes()).isZero();
    }

    @Test
    void runningTransfersAreReportedWhenTheyChangeAndWhenTheyEnd() {
        tally.started(Operation.UPLOAD);
        tally.started(Operation.DOWNLOAD);
        tally.started(Operation.DOWNLOAD);
        InstanceToServer.Served running = tally.drain().orElseThrow();
        assertThat(List.of(running.activeUploads(), running.activeDownloads())).containsExactly(1, 2);
        assertThat(tally.drain()).isEmpty(); // unchanged

        tally.ended(Operation.UPLOAD);
        tally.ended(Operation.DOWNLOAD);
        tally.ended(Operation.DOWNLOAD);
        InstanceToServer.Served idle = tally.drain().orElseThrow();
        assertThat(List.of(idle.activeUploads(), idle.activeDownloads())).containsExactly(0, 0);
    }

    @Test
    void pairsBeyondTheReportsBoundAreNotCountedAndOddNamesAreMadeSafe() {
        for (int i = 0; i < InstanceToServer.Served.MAX_CALLS + 50; i++) {
            tally.served("call." + i, 200, 1_000);
        }
        tally.served("a name/with spaces", 200, 1_000);

        InstanceToServer.Served served = tally.drain().orElseThrow();

        assertThat(served.calls()).hasSize(InstanceToServer.Served.MAX_CALLS);
        tally.served("a name/with spaces", 999, 1_000);
        assertThat(tally.drain().orElseThrow().calls()).singleElement()
                .satisfies(c -> assertThat(c.call()).isEqualTo("a_name_with_spaces"))
                .satisfies(c -> assertThat(c.status()).isEqualTo(599));
    }
}

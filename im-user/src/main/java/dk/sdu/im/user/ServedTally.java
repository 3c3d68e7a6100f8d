package dk.sdu.im.user;

import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.user.transfer.Operation;
import dk.sdu.im.user.transfer.TransferMeter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * What this instance served since it last told IM/Server ({@link InstanceToServer.Served}): calls by name and status
 * with their latency buckets, and the bytes and running count of browsers' transfers. IM/Server turns the reports into
 * metrics; this side only counts, in a few arrays, so IM/User needs no metrics library and its start-up and memory do
 * not grow. Names no user: an instance serves one, and IM/Server knows which. Thread-safe (one lock; calls end at the
 * rate of one user's requests).
 */
final class ServedTally implements RequestLog.Observer, TransferMeter {
    private static final Logger LOG = Logger.getLogger(ServedTally.class.getName());
    private static final double[] BOUNDS = InstanceToServer.CallTally.LATENCY_BOUNDS_SECONDS.stream()
            .mapToDouble(Double::doubleValue).toArray();

    private record Key(String call, int status) {
    }

    /** Per call and status: count, summed microseconds, then one count per latency bucket. */
    private final Map<Key, long[]> calls = new HashMap<>();
    private long uploaded;
    private long downloaded;
    private final AtomicInteger activeUploads = new AtomicInteger();
    private final AtomicInteger activeDownloads = new AtomicInteger();
    private int reportedUploads;
    private int reportedDownloads;

    @Override
    public synchronized void served(String call, int status, long nanos) {
        var key = new Key(nameOf(call), status < 100 || status > 599 ? 599 : status);
        long[] tally = calls.get(key);
        if (tally == null) {
            if (calls.size() >= InstanceToServer.Served.MAX_CALLS) {
                LOG.fine(() -> "not counting " + key + ": " + calls.size() + " call/status pairs since the last report");
                return;
            }
            tally = new long[2 + BOUNDS.length + 1];
            calls.put(key, tally);
        }
        long micros = Math.max(0, nanos / 1000);
        tally[0]++;
        tally[1] += micros;
        tally[2 + bucket(micros / 1e6)]++;
    }

    @Override
    public synchronized void moved(Operation operation, long bytes) {
        if (bytes <= 0) {
            return;
        }
        switch (operation) {
            case UPLOAD -> uploaded += bytes;
            case DOWNLOAD -> downloaded += bytes;
        }
    }

    @Override
    public void started(Operation operation) {
        counter(operation).incrementAndGet();
    }

    @Override
    public void ended(Operation operation) {
        counter(operation).decrementAndGet();
    }

    /**
     * What happened since the last call, and resets it; empty when there is nothing new to say (no call, no byte, the
     * same running transfers as last reported).
     */
    synchronized Optional<InstanceToServer.Served> drain() {
        int uploads = Math.max(0, activeUploads.get());
        int downloads = Math.max(0, activeDownloads.get());
        if (calls.isEmpty() && uploaded == 0 && downloaded == 0 && uploads == reportedUploads
                && downloads == reportedDownloads) {
            return Optional.empty();
        }
        List<InstanceToServer.CallTally> tallies = new ArrayList<>(calls.size());
        calls.forEach((key, t) -> tallies.add(new InstanceToServer.CallTally(key.call(), key.status(), t[0], t[1],
                Arrays.stream(t, 2, t.length).boxed().toList())));
        var served = new InstanceToServer.Served(tallies, uploaded, downloaded, uploads, downloads);
        calls.clear();
        uploaded = 0;
        downloaded = 0;
        reportedUploads = uploads;
        reportedDownloads = downloads;
        return Optional.of(served);
    }

    private AtomicInteger counter(Operation operation) {
        return switch (operation) {
            case UPLOAD -> activeUploads;
            case DOWNLOAD -> activeDownloads;
        };
    }

    private static int bucket(double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** A call name as the report allows it (the routing table's names already are; "unknown" for none). */
    private static String nameOf(String call) {
        String name = call.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "unknown" : name.length() > 64 ? name.substring(0, 64) : name;
    }
}

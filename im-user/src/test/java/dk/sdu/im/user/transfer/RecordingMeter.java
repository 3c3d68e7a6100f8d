package dk.sdu.im.user.transfer;

import java.util.EnumMap;
import java.util.Map;

/** A {@link TransferMeter} that remembers what it was told, for assertions. */
final class RecordingMeter implements TransferMeter {
    private final Map<Operation, Long> bytes = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> started = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> ended = new EnumMap<>(Operation.class);

    @Override
    public synchronized void moved(Operation operation, long n) {
        bytes.merge(operation, n, Long::sum);
    }

    @Override
    public synchronized void started(Operation operation) {
        started.merge(operation, 1, Integer::sum);
    }

    @Override
    public synchronized void ended(Operation operation) {
        ended.merge(operation, 1, Integer::sum);
    }

    synchronized long bytes(Operation operation) {
        return bytes.getOrDefault(operation, 0L);
    }

    synchronized int started(Operation operation, boolean endedToo) {
        return endedToo ? ended.getOrDefault(operation, 0) : started.getOrDefault(operation, 0);
    }
}

package dk.sdu.im.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Starts several {@code establish} calls at the same moment, one per thread, and collects how each ended. */
final class Race {
    /** One contender's call to make. */
    @FunctionalInterface
    interface Contender {
        UserMapping run() throws MappingConflict;
    }

    /** How one contender ended: with the mapping it got, or with the conflict it was refused with. */
    record Outcome(UserMapping won, MappingConflict lost) {
        boolean isWin() {
            return won != null;
        }
    }

    private Race() {
    }

    static List<Outcome> run(int contenders, IntFunction<Contender> contender) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(contenders)) {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                Contender call = contender.apply(i);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return attempt(call);
                }));
            }
            start.countDown();
            return collect(outcomes);
        }
    }

    private static Outcome attempt(Contender call) {
        try {
            return new Outcome(call.run(), null);
        } catch (MappingConflict conflict) {
            return new Outcome(null, conflict);
        }
    }

    private static List<Outcome> collect(List<Future<Outcome>> futures) throws ExecutionException,
            InterruptedException, TimeoutException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }
}

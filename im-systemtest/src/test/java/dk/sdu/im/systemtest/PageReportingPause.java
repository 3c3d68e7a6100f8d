package dk.sdu.im.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Pauses a virtual machine's free page reporting while a bench runs, and restores it. Where the guest kernel
 * reports freed memory to its host (the {@code page_reporting} module, set by the VM's boot line), the host takes
 * those pages back, and the guest's next touch of each one costs a fault on the host: writing 1 GiB of new data
 * then takes 0.9 to 1.2 s instead of 0.27 s, depending only on how long ago the memory was freed. That decides a
 * transfer's figure more than the transfer does, and differently for a baseline run back to back than for a
 * transfer that waits on a few calls first. Paused, memory freed by one run is reused as it is by the next, for
 * baselines and transfers alike. On a machine without the module there is nothing to pause.
 */
final class PageReportingPause implements AutoCloseable {
    private static final Path PARAMETERS = Path.of("/sys/module/page_reporting/parameters");
    /** Above the largest block the buddy allocator forms (order 10), so no free block qualifies for reporting. */
    private static final String NO_BLOCK = "11";

    private final Path order;
    private final Path reported;
    private final Optional<String> previousOrder;
    private final long reportedBefore;
    private final String outcome;

    private PageReportingPause(Path parameters, Optional<String> previousOrder, String outcome) {
        this.order = parameters.resolve("page_reporting_order");
        this.reported = parameters.resolve("reported_kib");
        this.previousOrder = previousOrder;
        this.reportedBefore = reportedKib();
        this.outcome = outcome;
    }

    /** Pauses reporting if this machine has it; {@link #describe()} says what happened. Closing twice is harmless. */
    static PageReportingPause start() {
        PageReportingPause pause = start(PARAMETERS);
        Runtime.getRuntime().addShutdownHook(new Thread(pause::close)); // also when the bench is interrupted
        return pause;
    }

    /** {@link #start()} on the module parameters in {@code parameters}, without the shutdown hook. */
    static PageReportingPause start(Path parameters) {
        Path order = parameters.resolve("page_reporting_order");
        if (!Files.isRegularFile(order)) {
            return new PageReportingPause(parameters, Optional.empty(), "no free page reporting on this machine");
        }
        try {
            String previous = Files.readString(order).strip();
            Files.writeString(order, NO_BLOCK);
            return new PageReportingPause(parameters, Optional.of(previous), "free page reporting to the VM's host paused "
                    + "(order " + previous + " -> " + NO_BLOCK + ")");
        } catch (IOException e) {
            return new PageReportingPause(parameters, Optional.empty(), "free page reporting could not be paused ("
                    + e.getMessage() + "): figures that write new data vary with the host's page faults");
        }
    }

    /** What was done, and how much memory went to the host since (should be none). */
    String describe() {
        long reportedAfter = reportedKib();
        return previousOrder.isEmpty() || reportedBefore < 0 || reportedAfter < 0 ? outcome
                : String.format(Locale.ROOT, "%s; %d MiB reported to the host meanwhile", outcome, (reportedAfter - reportedBefore) / 1024);
    }

    @Override
    public void close() {
        previousOrder.ifPresent(previous -> {
            try {
                Files.writeString(order, previous);
            } catch (IOException e) {
                System.out.println("bench: could not restore " + order + " to " + previous + ": " + e.getMessage());
            }
        });
    }

    private long reportedKib() {
        try {
            return Long.parseLong(Files.readString(reported).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}

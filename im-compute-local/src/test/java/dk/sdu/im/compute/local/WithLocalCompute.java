package dk.sdu.im.compute.local;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test's own user half, recording what it reports, closed (its jobs stopped) after each test. */
abstract class WithLocalCompute {
    final RecordingSink sink = new RecordingSink();
    final LocalUserCompute compute = new LocalUserCompute(sink, new Kill(), Duration.ofSeconds(1));
    @TempDir
    Path dir;

    @AfterEach
    void stopJobs() {
        compute.close();
    }
}

package dk.sdu.im.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A line logged while the process stops (from a shutdown hook) is written, not dropped by the JDK's own hook. */
class ExitSafeLogManagerTest {
    @Test
    void aLineLoggedFromAShutdownHookIsWritten() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExitLogMain.class.getName())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("exit-test ExitLogMain: running").contains("exit-test ExitLogMain: stopped cleanly");
    }
}

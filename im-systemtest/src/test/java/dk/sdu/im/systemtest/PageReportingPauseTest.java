package dk.sdu.im.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's pause must set the reporting order out of reach and put the old one back. Needs no root. */
class PageReportingPauseTest {
    @TempDir
    Path parameters;

    @Test
    void pausesWhileOpenAndRestoresTheOrderItFound() throws Exception {
        Path order = Files.writeString(parameters.resolve("page_reporting_order"), "9\n");
        Files.writeString(parameters.resolve("reported_kib"), "1000\n");

        try (PageReportingPause pause = PageReportingPause.start(parameters)) {
            assertThat(Files.readString(order)).isEqualTo("11");
            Files.writeString(parameters.resolve("reported_kib"), "3048\n");
            assertThat(pause.describe()).contains("paused (order 9 -> 11)").contains("2 MiB reported");
        }

        assertThat(Files.readString(order)).isEqualTo("9");
    }

    @Test
    void aMachineWithoutReportingIsLeftAlone() {
        try (PageReportingPause pause = PageReportingPause.start(parameters.resolve("absent"))) {
            assertThat(pause.describe()).isEqualTo("no free page reporting on this machine");
        }
        assertThat(parameters.resolve("absent")).doesNotExist();
    }
}

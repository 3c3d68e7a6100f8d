package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoGateTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<Optional<String>> verdict = new AtomicReference<>(Optional.of("no rule"));
    private final AtomicReference<Optional<List<Object>>> stamp = new AtomicReference<>(Optional.of(List.of("first")));
    private final SudoGate gate = new SudoGate(() -> {
        runs.incrementAndGet();
        return verdict.get();
    }, stamp::get);

    @Test
    void aRefusalStandsWithoutRunningSudoAgainUntilTheSudoersChange() {
        assertThat(gate.problem()).contains("no rule");
        assertThat(gate.problem()).contains("no rule");
        assertThat(runs).hasValue(1);
        verdict.set(Optional.empty());
        stamp.set(Optional.of(List.of("second")));
        assertThat(gate.problem()).isEmpty();
        assertThat(gate.problem()).isEmpty();
        assertThat(runs).hasValue(2);
    }

    @Test
    void sudoRunsEveryTimeWhileTheSudoersCannotBeSeen() {
        stamp.set(Optional.empty());
        gate.problem();
        gate.problem();
        assertThat(runs).hasValue(2);
    }

    @Test
    void theStampChangesWhenARuleFileIsAddedOrRewritten(@TempDir Path dir) throws Exception {
        Path sudo = Files.writeString(dir.resolve("sudo"), "");
        Path sudoers = Files.writeString(dir.resolve("sudoers"), "root ALL=(ALL) ALL\n");
        Path drop = Files.createDirectories(dir.resolve("sudoers.d"));
        var before = SudoGate.stampOf(sudo, sudoers, drop);
        assertThat(before).isPresent().isEqualTo(SudoGate.stampOf(sudo, sudoers, drop));
        Path rule = Files.writeString(drop.resolve("ucloud-im-test"), "# a rule\n");
        var added = SudoGate.stampOf(sudo, sudoers, drop);
        assertThat(added).isNotEqualTo(before);
        Files.writeString(rule, "# another rule\n");
        assertThat(SudoGate.stampOf(sudo, sudoers, drop)).isNotEqualTo(added);
        assertThat(SudoGate.stampOf(sudo, sudoers, dir.resolve("absent"))).isEmpty();
    }
}

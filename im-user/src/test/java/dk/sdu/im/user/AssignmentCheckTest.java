package dk.sdu.im.user;

import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.config.ImConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hostile service account cannot make this user's instance serve another UCloud user (DESIGN 4.5). */
class AssignmentCheckTest {
    @TempDir
    Path dir;

    private ImConfig config(String mappings) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("config.yml"), """
                provider:
                  id: hpc
                  publicUrl: https://hpc.example.org
                core:
                  url: https://cloud.sdu.dk
                identity:
                  mappings:
                %s
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home}
                """.formatted(mappings.indent(4).stripTrailing()));
        return ImConfig.load(etc);
    }

    private AssignmentCheck.Verdict check(ImConfig config, String localUser, String assigned) {
        return AssignmentCheck.check(config, localUser, dir.resolve("home"), assigned);
    }

    @Test
    void aStaticMappingDecides() throws Exception {
        ImConfig config = config("\"alice#1\": alice\n\"bob#2\": bob");

        assertThat(check(config, "alice", "alice#1")).isInstanceOf(AssignmentCheck.Verdict.Accepted.class);
        assertThat(check(config, "alice", "bob#2")).isInstanceOf(AssignmentCheck.Verdict.Refused.class);
        assertThat(check(config, "alice", "mallory#3")).as("alice's account belongs to alice#1")
                .isInstanceOf(AssignmentCheck.Verdict.Refused.class);
        assertThat(dir.resolve("home/.ucloud-im")).as("no record where the configuration decides").doesNotExist();
    }

    @Test
    void withoutAStaticMappingTheFirstAssignmentIsRecordedAndAnotherIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("home"));
        ImConfig config = config("\"bob#2\": bob");

        assertThat(check(config, "carol", "carol#9")).isInstanceOf(AssignmentCheck.Verdict.Accepted.class);
        Path record = dir.resolve("home/.ucloud-im/hpc.assignment");
        assertThat(record).hasContent("carol#9");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(record))).isEqualTo("rw-------");
        assertThat(check(config, "carol", "carol#9")).isInstanceOf(AssignmentCheck.Verdict.Accepted.class);
        assertThat(check(config, "carol", "dave#4")).isInstanceOf(AssignmentCheck.Verdict.Refused.class);

        Files.delete(record);
        assertThat(check(config, "carol", "dave#4")).as("after an administrator reset it")
                .isInstanceOf(AssignmentCheck.Verdict.Accepted.class);
    }

    @Test
    void aRecordThatIsASymlinkIsRefused() throws Exception {
        Path records = Files.createDirectories(dir.resolve("home/.ucloud-im"));
        Files.writeString(dir.resolve("elsewhere"), "carol#9\n");
        Files.createSymbolicLink(records.resolve("hpc.assignment"), dir.resolve("elsewhere"));

        assertThat(check(config("\"bob#2\": bob"), "carol", "carol#9")).isInstanceOf(AssignmentCheck.Verdict.Refused.class);
    }
}

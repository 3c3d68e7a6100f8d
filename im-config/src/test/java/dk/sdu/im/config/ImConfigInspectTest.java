package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inspecting config.yml reports every problem in one run, where loading it stops at the first. */
class ImConfigInspectTest {
    @TempDir
    Path dir;

    @Test
    void reportsEveryProblemWithItsPosition() throws Exception {
        write(dir, "config.yml", HEAD + """
                colour: blue
                server:
                  port: 99999
                  hots: 127.0.0.1
                instances:
                  userGroup: "not a group"
                gateway:
                  port: 42000
                  port: 42001
                """ + PRODUCTS);

        ConfigReading reading = ImConfig.inspect(dir);

        assertThat(reading.config()).isEmpty();
        assertThat(reading.problems()).extracting(ConfigException::problem).satisfiesExactlyInAnyOrder(
                colour -> assertThat(colour).startsWith("unknown key 'colour' at the top level"),
                hots -> assertThat(hots).contains("unknown key 'hots'").contains("Did you mean 'host'?"),
                port -> assertThat(port).startsWith("server.port must be between"),
                group -> assertThat(group).startsWith("instances.userGroup"),
                twice -> assertThat(twice).startsWith("duplicate key 'port'"));
        assertAt(problem(reading, "unknown key 'colour'"), 6, 1);
        assertAt(problem(reading, "unknown key 'hots'"), 9, 3);
        assertAt(problem(reading, "server.port"), 8, 9);
        assertAt(problem(reading, "instances.userGroup"), 11, 14);
        assertAt(problem(reading, "duplicate key"), 14, 3);
    }

    @Test
    void keepsTheSectionsThatReadCleanly() {
        write(dir, "config.yml", HEAD + """
                server:
                  port: nope
                instances:
                  userGroup: researchers
                """ + PRODUCTS);

        ConfigReading reading = ImConfig.inspect(dir);

        assertThat(reading.problems()).hasSize(1);
        assertThat(reading.server()).isEmpty();
        assertThat(reading.instances()).get().extracting(InstancesConfig::userGroup).isEqualTo("researchers");
        assertThat(reading.core()).isPresent();
        assertThat(reading.database()).as("its default file lies in server.stateDir, unknown here").isEmpty();
    }

    @Test
    void aValidFileGivesTheConfigurationAndNoProblem() throws Exception {
        write(dir, "config.yml", MINIMAL);

        ConfigReading reading = ImConfig.inspect(dir);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.config()).contains(ImConfig.load(dir));
    }

    @Test
    void aMissingFileIsOneProblemSayingItDoesNotExist() {
        ConfigReading reading = ImConfig.inspect(dir);

        assertThat(reading.problems()).singleElement().extracting(ConfigException::problem).asString()
                .contains("does not exist");
        assertThat(reading.core()).isEmpty();
    }

    @Test
    void loadingStillStopsAtTheFirstProblem() {
        ConfigException first = ConfigFixture.loadError(dir, HEAD + "colour: blue\nserver:\n  port: 99999\n" + PRODUCTS);

        assertThat(first.problem()).startsWith("unknown key 'colour'");
    }

    private static ConfigException problem(ConfigReading reading, String text) {
        return reading.problems().stream().filter(p -> p.problem().contains(text)).findFirst().orElseThrow();
    }
}

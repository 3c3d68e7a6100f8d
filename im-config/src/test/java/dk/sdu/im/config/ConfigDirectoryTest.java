package dk.sdu.im.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command finds the configuration directory from the distribution's etc/config-dir, as the launcher does. */
class ConfigDirectoryTest {
    @TempDir
    Path home;

    @Test
    void withoutEtcConfigDirItIsTheDefault() throws Exception {
        ConfigDirectory found = ConfigDirectory.of(home);

        assertThat(found.directory()).isEqualTo(Path.of("/etc/ucloud-im"));
        assertThat(found.source()).contains("default").contains(home.resolve("etc/config-dir") + " does not exist");
    }

    @Test
    void etcConfigDirNamesItOnItsFirstLine() throws Exception {
        write(" /srv/im/etc \nignored\n");

        ConfigDirectory found = ConfigDirectory.of(home);

        assertThat(found.directory()).isEqualTo(Path.of("/srv/im/etc"));
        assertThat(found.source()).isEqualTo("named in " + home.resolve("etc/config-dir"));
    }

    @Test
    void aRelativePathIsTakenFromTheRootWhereTheLauncherRuns() throws Exception {
        write("srv/im\n");

        assertThat(ConfigDirectory.of(home).directory()).isEqualTo(Path.of("/srv/im"));
    }

    @Test
    void anEmptyFileIsAnErrorNamingIt() throws Exception {
        write("\n");

        assertThatThrownBy(() -> ConfigDirectory.of(home)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(home.resolve("etc/config-dir") + ":1:1: is empty");
    }

    @Test
    void aGivenDirectoryOverridesTheDistributionsAndOutsideADistributionTheDefaultHolds() throws Exception {
        assertThat(ConfigDirectory.orOfThisDistribution(Path.of("/given"))).isEqualTo(Path.of("/given"));
        // Surefire sets no im.home (bin/ucloud-im does): outside a distribution.
        assertThat(System.getProperty(ConfigDirectory.HOME_PROPERTY)).isNull();
        assertThat(ConfigDirectory.orOfThisDistribution(null)).isEqualTo(ConfigDirectory.DEFAULT);
    }

    private void write(String content) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/config-dir"), content);
    }
}

package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.load;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrivesConfigTest {
    private static final String PRODUCTS = """
            products:
              home:
                type: storage
                accountingUnit: {name: GB}
                accountingFrequency: PERIODIC_DAY
                products:
                  - name: home
                  - name: scratch
            """;

    @TempDir
    Path dir;

    @Test
    void withoutADrivesSectionEveryUserGetsAHomeDriveAtTheirHomeDirectory() throws ConfigException {
        var drives = load(dir, HEAD + PRODUCTS).drives();
        assertThat(drives).containsExactly(new DriveLocator("home", "home", "Home", "{home}"));
        assertThat(drives.getFirst().rootFor("alice", Path.of("/home/alice"))).isEqualTo(Path.of("/home/alice"));
    }

    @Test
    void readsLocatorsWithUserPlaceholders() throws ConfigException {
        var drives = load(dir, HEAD + PRODUCTS + """
                drives:
                  scratch:
                    product: scratch
                    path: /scratch/{localUsername}
                """).drives();
        assertThat(drives).singleElement().satisfies(d -> {
            assertThat(d.title()).isEqualTo("Scratch");
            assertThat(d.rootFor("alice", Path.of("/home/alice"))).isEqualTo(Path.of("/scratch/alice"));
        });
    }

    @Test
    void aProductThatIsNotStorageIsRefusedWithLineAndColumn() {
        var error = loadError(dir, HEAD + PRODUCTS + "drives:\n  x:\n    product: cpu-1\n");
        assertAt(error, 16, 14);
        assertThat(error.getMessage()).contains("not a storage product");
    }

    @Test
    void aPathThatDoesNotNameTheUserIsRefused() {
        var error = loadError(dir, HEAD + PRODUCTS + "drives:\n  x:\n    product: home\n    path: /shared\n");
        assertThat(error.getMessage()).contains("{localUsername}");
    }
}

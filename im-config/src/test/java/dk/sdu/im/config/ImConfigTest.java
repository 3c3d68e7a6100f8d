package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid config.yml becomes records with every default filled in and every path absolute. */
class ImConfigTest {
    @TempDir
    Path dir;

    @Test
    void fillsEveryDefaultWhenOnlyRequiredKeysAreGiven() throws ConfigException {
        ImConfig config = load(dir, MINIMAL);

        assertThat(config.directory()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(config.provider()).isEqualTo(new ProviderConfig("slurm", URI.create("https://slurm.example.org")));
        assertThat(config.core()).isEqualTo(new CoreConfig(URI.create("https://cloud.sdu.dk"), URI.create("https://cloud.sdu.dk"),
                config.directory().resolve("ucloud_key.pub"), "cloud.sdu.dk", Duration.ofSeconds(60),
                CoreConfig.UserContext.AUTO));
        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 42000, 4L * 1024 * 1024, Path.of("/var/lib/ucloud-im")));
        assertThat(config.database()).isEqualTo(new DatabaseConfig(DatabaseConfig.Kind.SQLITE,
                Path.of("/var/lib/ucloud-im/im.sqlite3"), null, null, 4));
        assertThat(config.identity().minUid()).isEqualTo(1000);
        assertThat(config.identity().unmappedMessage()).isEqualTo(IdentityConfig.DEFAULT_UNMAPPED_MESSAGE);
        assertThat(config.identity().staticMappings()).isEmpty();
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.TEXT, Level.INFO));
    }

    @Test
    void fillsProductDefaults() throws ConfigException {
        ProductCategory cpu = load(dir, MINIMAL).products().getFirst();

        assertThat(cpu).isEqualTo(new ProductCategory("cpu", ProductType.COMPUTE,
                new AccountingUnit("Core hour", "Core hour", false, false), AccountingFrequency.PERIODIC_MINUTE, false,
                List.of(new Product("cpu-1", "", 1, 1, 1, 0)), Placement.DEFAULTS));
    }

    @Test
    void storageProductsHaveNoMachineResources() throws ConfigException {
        ImConfig config = load(dir, HEAD + """
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - name: home
                        price: 0
                """);

        assertThat(config.products().getFirst().products()).containsExactly(new Product("home", "", 0, 0, 0, 0));
    }

    @Test
    void resolvesRelativePathsAgainstConfigDirectoryAndStateDirectory() throws ConfigException {
        ImConfig config = load(dir, """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.sdu.dk
                  publicKeyFile: keys/../keys/core.pub
                server:
                  stateDir: state
                database:
                  file: db/im.sqlite3
                """ + PRODUCTS);

        Path base = dir.toAbsolutePath().normalize();
        assertThat(config.core().publicKeyFile()).isEqualTo(base.resolve("keys/core.pub"));
        assertThat(config.server().stateDir()).isEqualTo(base.resolve("state"));
        assertThat(config.database().sqliteFile()).isEqualTo(base.resolve("state/db/im.sqlite3"));
    }

    @Test
    void readsEveryExplicitSetting() throws ConfigException {
        ImConfig config = load(dir, """
                provider:
                  id: hpc-1
                  publicUrl: http://localhost:8889/
                core:
                  url: http://127.0.0.1:8080
                  publicUrl: https://cloud.example.org/app
                  publicKeyFile: /etc/ucloud-im/core.pub
                  issuer: test-core
                  clockSkewSeconds: 0
                  userContext: header
                server:
                  host: "::1"
                  port: 0
                  maxRequestBytes: 1024
                  stateDir: /tmp/im-state
                  adminGroup: hpc-admins
                database:
                  type: PostgreSQL
                  url: jdbc:postgresql://127.0.0.1:5432/ucloud_im
                  user: ucloud
                  poolSize: 64
                identity:
                  minUid: 2000
                  unmappedMessage: Ask support.
                  mappings:
                    "bob#2": bob
                    "alice#1": alice
                logging:
                  format: json
                  level: debug
                """ + PRODUCTS);

        assertThat(config.provider().publicUrl()).isEqualTo(URI.create("http://localhost:8889"));
        assertThat(config.core()).isEqualTo(new CoreConfig(URI.create("http://127.0.0.1:8080"),
                URI.create("https://cloud.example.org/app"), Path.of("/etc/ucloud-im/core.pub"), "test-core", Duration.ZERO,
                CoreConfig.UserContext.HEADER));
        assertThat(config.server()).isEqualTo(new ServerConfig("0:0:0:0:0:0:0:1", 0, 1024, Path.of("/tmp/im-state"),
                java.util.Optional.of("hpc-admins"), java.util.Optional.empty()));
        assertThat(config.database()).isEqualTo(new DatabaseConfig(DatabaseConfig.Kind.POSTGRESQL, null,
                "jdbc:postgresql://127.0.0.1:5432/ucloud_im", "ucloud", 64));
        assertThat(config.identity().staticMappings()).containsExactly(Map.entry("bob#2", "bob"), Map.entry("alice#1", "alice"));
        assertThat(config.logging()).isEqualTo(new LoggingConfig(LoggingConfig.Format.JSON, Level.FINE));
    }

    @Test
    void loggingNamesTheServerLogFileAndTheAuditTrailsDestination() throws ConfigException {
        ImConfig toFiles = load(dir, HEAD + """
                logging:
                  file: /var/log/ucloud-im/server.log
                  audit: /var/log/ucloud-im/audit.log
                """ + PRODUCTS);
        ImConfig toJournal = load(dir, HEAD + """
                logging:
                  audit: journal
                """ + PRODUCTS);

        assertThat(toFiles.logging().file()).contains(Path.of("/var/log/ucloud-im/server.log"));
        assertThat(toFiles.logging().audit()).isEqualTo(new LoggingConfig.Audit.File(Path.of("/var/log/ucloud-im/audit.log")));
        assertThat(toJournal.logging().audit()).isEqualTo(new LoggingConfig.Audit.Journal());
        assertThat(toJournal.logging().file()).isEmpty();
        assertThat(load(dir, MINIMAL).logging().audit()).as("default").isEqualTo(new LoggingConfig.Audit.Stdout());
    }

    @Test
    void keyWithoutValueMeansDefault() throws ConfigException {
        ImConfig config = load(dir, HEAD + """
                server:
                  port:
                  host: ~
                """ + PRODUCTS);

        assertThat(config.server().port()).isEqualTo(42000);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void collectionsAreUnmodifiable() throws ConfigException {
        ImConfig config = load(dir, HEAD + """
                identity:
                  mappings:
                    "alice#1": alice
                """ + PRODUCTS);

        assertThatThrownBy(() -> config.products().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.products().getFirst().products().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.identity().staticMappings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnAdminGroupThatIsNotAGroupName() {
        assertThatThrownBy(() -> load(dir, HEAD + """
                server:
                  adminGroup: "wheel; rm"
                """ + PRODUCTS)).isInstanceOf(ConfigException.class).hasMessageContaining("adminGroup");
    }

    @Test
    void recordsRefuseInsecureValuesBuiltByHand() {
        assertThatThrownBy(() -> new ServerConfig("0.0.0.0", 42000, 4096, Path.of("/tmp")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdentityConfig(0, "x", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdentityConfig(1000, "x", Map.of("m#1", "root"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsTheShippedExampleConfiguration() throws ConfigException {
        ImConfig config = ImConfig.load(Path.of("../im-dist/src/main/dist/etc"));

        assertThat(config.provider().id()).isEqualTo("slurm");
        assertThat(config.products()).extracting(ProductCategory::name).containsExactly("cpu", "home");
        assertThat(config.identity().staticMappings()).containsEntry("alice#1234", "alice");
    }
}

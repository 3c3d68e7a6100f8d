package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.PRODUCTS;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of mistake in config.yml gives one error at the exact line and column, with a fix. */
class ImConfigErrorTest {
    @TempDir
    Path dir;

    @Test
    void unknownKeySuggestsTheClosestKnownKey() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  prot: 42000
                """ + PRODUCTS);

        assertAt(error, 7, 3);
        assertThat(error.problem()).contains("unknown key 'prot' in 'server'").endsWith("Did you mean 'port'?");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsTheAllowedKeys() {
        ConfigException error = loadError(dir, HEAD + "plugins: {}\n" + PRODUCTS);

        assertAt(error, 6, 1);
        assertThat(error.problem()).contains("unknown key 'plugins' at the top level")
                .contains("Allowed keys here: provider, core, server, database, identity, products, logging, instances, gateway, drives, transfers, compute.");
    }

    @Test
    void theRetiredTrustUsernameHeaderKeyNamesItsReplacement() {
        ConfigException error = loadError(dir, HEAD + "  trustUsernameHeader: true\n" + PRODUCTS);

        assertAt(error, 6, 3);
        assertThat(error.problem()).startsWith("core.trustUsernameHeader is no longer a setting")
                .contains("core.userContext").contains("userContext: header");
    }

    @Test
    void userContextIsOneOfThreeWords() {
        ConfigException error = loadError(dir, HEAD + "  userContext: claim\n" + PRODUCTS);

        assertAt(error, 6, 16);
        assertThat(error.problem()).contains("core.userContext must be one of auto, required, header");
    }

    @Test
    void duplicateKeyPointsAtTheSecondOccurrence() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  port: 42000
                  port: 42001
                """ + PRODUCTS);

        assertAt(error, 8, 3);
        assertThat(error.problem()).contains("duplicate key 'port'").contains("first written at line 7, column 3");
    }

    @Test
    void textWhereANumberBelongsNamesTheExpectedType() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  port: abc
                """ + PRODUCTS);

        assertAt(error, 7, 9);
        assertThat(error.problem()).startsWith("server.port must be a whole number between 0 and 65535, but is 'abc'.");
    }

    @Test
    void listWhereAMappingBelongsNamesTheExpectedType() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  - port: 42000
                """ + PRODUCTS);

        assertAt(error, 7, 3);
        assertThat(error.problem()).startsWith("server must be a mapping").contains("but is a list");
    }

    @Test
    void numberOutOfRangeStatesTheRange() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  maxRequestBytes: 100
                """ + PRODUCTS);

        assertAt(error, 7, 20);
        assertThat(error.problem()).startsWith("server.maxRequestBytes must be between 1024 and 67108864, but is 100.");
    }

    @Test
    void publicListenAddressIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  host: 0.0.0.0
                """ + PRODUCTS);

        assertAt(error, 7, 9);
        assertThat(error.problem())
                .startsWith("server.host must be a loopback address (127.0.0.0/8, ::1 or localhost), but is '0.0.0.0'.")
                .contains("the gateway is the only public listener");
    }

    @Test
    void providerIdThatCannotAppearInPathsIsRefused() {
        ConfigException error = loadError(dir, """
                provider:
                  id: Slurm/1
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.sdu.dk
                """ + PRODUCTS);

        assertAt(error, 2, 7);
        assertThat(error.problem()).startsWith("provider.id must be 1 to 64 lower-case letters").contains("'Slurm/1'");
    }

    @Test
    void urlWithoutHttpSchemeIsRefused() {
        ConfigException error = loadError(dir, """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: cloud.sdu.dk
                """ + PRODUCTS);

        assertAt(error, 5, 8);
        assertThat(error.problem()).startsWith("core.url must be an absolute http:// or https:// URL, but is 'cloud.sdu.dk'.")
                .contains("https://cloud.example.org");
    }

    @Test
    void urlWithQueryIsRefused() {
        ConfigException error = loadError(dir, """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org/?x=1
                core:
                  url: https://cloud.sdu.dk
                """ + PRODUCTS);

        assertAt(error, 3, 14);
        assertThat(error.problem()).contains("must not have a query");
    }

    @Test
    void missingRequiredKeyPointsAtItsParentMapping() {
        ConfigException error = loadError(dir, """
                provider:
                  id: slurm
                core:
                  url: https://cloud.sdu.dk
                """ + PRODUCTS);

        assertAt(error, 2, 3);
        assertThat(error.problem()).isEqualTo("provider.publicUrl is required but missing. Add 'publicUrl:' under 'provider'.");
    }

    @Test
    void missingTopLevelSectionPointsAtTheStartOfTheFile() {
        ConfigException error = loadError(dir, PRODUCTS);

        assertAt(error, 1, 1);
        assertThat(error.problem()).startsWith("provider is required but missing.");
    }

    @Test
    void unknownEnumValueListsTheAllowedValues() {
        ConfigException error = loadError(dir, HEAD + """
                products:
                  cpu:
                    type: gpu
                    accountingUnit: {name: Core hour}
                    accountingFrequency: PERIODIC_MINUTE
                    products:
                      - name: cpu-1
                """);

        assertAt(error, 8, 11);
        assertThat(error.problem()).startsWith("products.cpu.type must be one of compute, storage, but is 'gpu'.");
    }

    @Test
    void storageProductWithCpuIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                products:
                  home:
                    type: storage
                    accountingUnit: {name: GB}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - name: home
                        cpu: 1
                """);

        assertAt(error, 13, 9);
        assertThat(error.problem()).startsWith("products.home.products[0].cpu applies only to compute products");
    }

    @Test
    void duplicateProductNameInACategoryIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                products:
                  cpu:
                    type: compute
                    accountingUnit: {name: Core hour}
                    accountingFrequency: PERIODIC_MINUTE
                    products:
                      - name: cpu-1
                      - name: cpu-1
                """);

        assertAt(error, 13, 15);
        assertThat(error.problem()).contains("'cpu-1' is already used by products.cpu.products[0]");
    }

    @Test
    void postgresqlWithoutUrlPointsAtTheDatabaseSection() {
        ConfigException error = loadError(dir, HEAD + """
                database:
                  type: postgresql
                  user: ucloud
                """ + PRODUCTS);

        assertAt(error, 7, 3);
        assertThat(error.problem()).startsWith("database.url is required but missing.");
    }

    @Test
    void sqliteWithUrlSaysWhichKeysBelongToWhichType() {
        ConfigException error = loadError(dir, HEAD + """
                database:
                  type: sqlite
                  url: jdbc:postgresql://127.0.0.1/im
                """ + PRODUCTS);

        assertAt(error, 8, 3);
        assertThat(error.problem()).startsWith("database.url does not apply to type sqlite")
                .contains("sqlite uses file; postgresql uses url and user");
    }

    @Test
    void passwordInJdbcUrlIsRefusedWithoutQuotingIt() {
        ConfigException error = loadError(dir, HEAD + """
                database:
                  type: postgresql
                  url: jdbc:postgresql://127.0.0.1/im?password=hunter2
                  user: ucloud
                """ + PRODUCTS);

        assertAt(error, 8, 8);
        assertThat(error.getMessage()).contains("must not contain a password").doesNotContain("hunter2");
    }

    @Test
    void mappingToRootIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                identity:
                  mappings:
                    "alice#1234": alice
                    "mallory#6666": root
                """ + PRODUCTS);

        assertAt(error, 9, 21);
        assertThat(error.problem()).startsWith("identity.mappings[\"mallory#6666\"] must not be root");
    }

    @Test
    void minUidZeroIsRefusedBecauseRootMayNeverBeMapped() {
        ConfigException error = loadError(dir, HEAD + """
                identity:
                  minUid: 0
                """ + PRODUCTS);

        assertAt(error, 7, 11);
        assertThat(error.problem()).startsWith("identity.minUid must be at least 1, but is 0.").contains("root");
    }

    @Test
    void yamlSyntaxErrorCarriesTheParsersPosition() {
        ConfigException error = loadError(dir, HEAD + """
                server:
                  port: 42000
                   host: 127.0.0.1
                """ + PRODUCTS);

        assertAt(error, 8, 8);
        assertThat(error.problem()).startsWith("invalid YAML syntax: mapping values are not allowed here");
    }

    @Test
    void missingFileNamesTheExpectedPath() {
        ConfigException error = null;
        try {
            ImConfig.load(dir);
        } catch (ConfigException e) {
            error = e;
        }

        assertThat(error).isNotNull();
        assertAt(error, 1, 1);
        assertThat(error.file()).isEqualTo(dir.toAbsolutePath().resolve("config.yml"));
        assertThat(error.problem()).contains(dir.toAbsolutePath().resolve("config.yml").toString()).contains("does not exist");
    }

    @Test
    void emptyFileReportsTheFirstMissingSection() {
        ConfigException error = loadError(dir, "");

        assertAt(error, 1, 1);
        assertThat(error.problem()).startsWith("provider is required but missing.");
    }
}

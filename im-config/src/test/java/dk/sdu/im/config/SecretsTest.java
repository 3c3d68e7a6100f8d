package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secrets.yml is read only when private to its owner, and its values never appear in output. */
class SecretsTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789ABCDEF0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void readsAPrivateSecretsFile() throws Exception {
        writeSecrets("refreshToken: " + TOKEN + "\ndatabasePassword: \"s3cret pw\"\n", "rw-------");

        Secrets secrets = Secrets.load(dir);

        assertThat(secrets.refreshToken()).isEqualTo(TOKEN);
        assertThat(secrets.databasePassword()).contains("s3cret pw");
    }

    @Test
    void databasePasswordIsOptional() throws Exception {
        writeSecrets("refreshToken: " + TOKEN + "\n", "r--------");

        assertThat(Secrets.load(dir).databasePassword()).isEmpty();
    }

    @Test
    void refusesFileReadableByGroup() throws IOException {
        Path file = writeSecrets("refreshToken: " + TOKEN + "\n", "rw-r-----");

        ConfigException error = loadError();

        assertThat(error.line()).isZero();
        assertThat(error.column()).isZero();
        assertThat(error.getMessage()).isEqualTo(file + ": secrets.yml is readable by group or others (mode 0640);"
                + " run: chmod 600 " + file);
    }

    @Test
    void refusesFileReadableByOthers() throws IOException {
        writeSecrets("refreshToken: " + TOKEN + "\n", "rw----r--");

        assertThat(loadError().problem()).contains("(mode 0604)").contains("chmod 600");
    }

    @Test
    void refusesFileWritableByGroup() throws IOException {
        writeSecrets("refreshToken: " + TOKEN + "\n", "rw--w----");

        assertThat(loadError().problem()).contains("accessible by group or others (mode 0620)");
    }

    @Test
    void refusesSymbolicLinkEvenToAPrivateFile() throws IOException {
        Path target = write(dir, "real-secrets.yml", "refreshToken: " + TOKEN + "\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(dir.resolve("secrets.yml"), target);

        assertThat(loadError().problem()).startsWith("secrets.yml is a symbolic link.");
    }

    @Test
    void refusesMissingFile() {
        assertThat(loadError().problem()).contains("does not exist").contains("0600");
    }

    @Test
    void refusesRefreshTokenOfWrongFormatWithoutQuotingIt() throws IOException {
        writeSecrets("refreshToken: not-a-token-xyz\n", "rw-------");

        ConfigException error = loadError();

        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(15);
        assertThat(error.problem()).startsWith("refreshToken must be exactly 64 hexadecimal characters, but is a hidden value")
                .doesNotContain("not-a-token");
    }

    @Test
    void refusesThePlaceholderTokenOfTheShippedExample() throws IOException {
        Path example = Path.of("../im-dist/src/main/dist/etc/secrets.yml.example");
        writeSecrets(Files.readString(example), "rw-------");

        assertThat(loadError().problem()).contains("not the placeholder from secrets.yml.example");
    }

    @Test
    void unknownKeyIsNotQuotedBecauseItMightBeASecret() throws IOException {
        writeSecrets("refreshToken: " + TOKEN + "\n" + TOKEN + ": x\n", "rw-------");

        ConfigException error = loadError();

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.getMessage()).startsWith(error.file() + ":2:1: unknown key at the top level")
                .doesNotContain(TOKEN);
    }

    @Test
    void syntaxErrorDoesNotQuoteTheFile() throws IOException {
        writeSecrets("refreshToken: \"" + TOKEN + "\n", "rw-------");

        assertThat(loadError().getMessage()).contains("invalid YAML syntax").doesNotContain(TOKEN);
    }

    @Test
    void toStringHidesTheValues() {
        Secrets secrets = new Secrets(TOKEN, Optional.of("s3cret pw"));

        assertThat(secrets.toString()).doesNotContain(TOKEN).doesNotContain("s3cret")
                .isEqualTo("Secrets[refreshToken=(hidden), databasePassword=(hidden)]");
        assertThat(new Secrets(TOKEN, Optional.empty()).toString()).contains("databasePassword=(none)");
    }

    @Test
    void refusesFileOwnedByAnotherAccount() throws IOException {
        Path file = writeSecrets("refreshToken: " + TOKEN + "\n", "rw-------");
        Files.setAttribute(file, "unix:uid", 4242);

        assertThat(loadError().problem()).isEqualTo("secrets.yml is owned by uid 4242, not by uid 0, the service user;"
                + " run as root: chown 0 " + file);
    }

    @Test
    void inspectingReportsOwnerModeAndContentAtOnceWithoutSecretValues() throws IOException {
        Path file = writeSecrets("refreshToken: 12345\ncolour: s3cret\n", "rw-r--r--");

        var problems = Secrets.inspect(dir, 4242);

        assertThat(problems).extracting(ConfigException::problem).satisfiesExactly(
                owner -> assertThat(owner).startsWith("secrets.yml is owned by uid 0, not by uid 4242"),
                mode -> assertThat(mode).startsWith("secrets.yml is readable by group or others (mode 0644)"),
                key -> assertThat(key).startsWith("unknown key at the top level"),
                token -> assertThat(token).startsWith("refreshToken must be exactly 64 hexadecimal characters"));
        assertThat(problems).allSatisfy(p -> assertThat(p.getMessage()).doesNotContain("12345").doesNotContain("s3cret"));
        assertThat(problems.get(3).line()).isEqualTo(1);
        assertThat(Secrets.inspect(dir, 0)).hasSize(3);
        Files.delete(file);
        assertThat(Secrets.inspect(dir, 0)).singleElement().extracting(ConfigException::problem).asString()
                .contains("does not exist");
    }

    private Path writeSecrets(String content, String permissions) throws IOException {
        Path file = write(dir, "secrets.yml", content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private ConfigException loadError() {
        try {
            Secrets.load(dir);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException");
    }
}

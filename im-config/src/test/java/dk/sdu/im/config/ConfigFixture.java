package dk.sdu.im.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files into a test's temporary directory and captures load errors. */
final class ConfigFixture {
    /** The required sections except products: lines 1 to 5 of every test file built from it. */
    static final String HEAD = """
            provider:
              id: slurm
              publicUrl: https://slurm.example.org
            core:
              url: https://cloud.sdu.dk
            """;

    /** Valid products, for appending after other sections. */
    static final String PRODUCTS = """
            products:
              cpu:
                type: compute
                accountingUnit: {name: Core hour}
                accountingFrequency: PERIODIC_MINUTE
                products:
                  - name: cpu-1
            """;

    /** The smallest valid config.yml: only the required keys. */
    static final String MINIMAL = HEAD + PRODUCTS;

    private ConfigFixture() {
    }

    static Path write(Path directory, String fileName, String content) {
        try {
            return Files.writeString(directory.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImConfig load(Path directory, String configYml) throws ConfigException {
        write(directory, "config.yml", configYml);
        return ImConfig.load(directory);
    }

    static ConfigException loadError(Path directory, String configYml) {
        write(directory, "config.yml", configYml);
        try {
            ImConfig.load(directory);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + configYml);
    }

    /** Asserts the error's position, both in the accessors and in the message prefix. */
    static void assertAt(ConfigException error, int line, int column) {
        assertThat(error.line()).as("line of: %s", error.getMessage()).isEqualTo(line);
        assertThat(error.column()).as("column of: %s", error.getMessage()).isEqualTo(column);
        assertThat(error.getMessage()).startsWith(error.file() + ":" + line + ":" + column + ": ");
        assertThat(error.getMessage()).endsWith(error.problem());
    }
}

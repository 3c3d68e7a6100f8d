package dk.sdu.im.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading {@code config.yml} to the end found ({@link ImConfig#inspect}): every problem, in the order found, and
 * the configuration when there was none. The sections that read cleanly are there even when others failed, so a
 * check can still look at the files and the install they name.
 *
 * @param directory the configuration directory, absolute and normalised
 * @param problems every problem found, each with file, line and column; empty when the file is valid
 * @param config the whole configuration, present exactly when {@code problems} is empty
 * @param core section {@code core}, when it read cleanly
 * @param server section {@code server}, when it read cleanly
 * @param database section {@code database}, when it and {@code server} (its default directory) read cleanly
 * @param instances section {@code instances}, when it read cleanly
 * @param gateway section {@code gateway}, when it and {@code server} read cleanly
 */
public record ConfigReading(Path directory, List<ConfigException> problems, Optional<ImConfig> config,
                            Optional<CoreConfig> core, Optional<ServerConfig> server, Optional<DatabaseConfig> database,
                            Optional<InstancesConfig> instances, Optional<GatewayConfig> gateway) {
    public ConfigReading {
        Objects.requireNonNull(directory, "directory");
        problems = List.copyOf(problems);
        if (problems.isEmpty() != config.isPresent()) {
            throw new IllegalArgumentException("the configuration is present exactly when there is no problem");
        }
    }

    /** A file that could not be read or parsed at all: no section is known. */
    static ConfigReading unreadable(Path directory, List<ConfigException> problems) {
        return new ConfigReading(directory, problems, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}

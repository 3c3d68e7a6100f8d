package dk.sdu.im.dev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the configuration directory development mode runs the module with: embedded defaults on loopback. */
record DevConfig(Path directory, String providerId, int serverPort, URI coreUrl, String demoUcloudUser, String localUser) {

    void write(String refreshToken) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("config.yml"), configYaml());
        Path secrets = directory.resolve("secrets.yml");
        Files.deleteIfExists(secrets);
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, "refreshToken: " + refreshToken + "\n");
    }

    Path secretsFile() {
        return directory.resolve("secrets.yml");
    }

    Path stateDir() {
        return directory.resolveSibling("state");
    }

    private String configYaml() {
        return """
                # Written by `ucloud-im dev`: embedded defaults, everything on loopback.
                provider:
                  id: %1$s
                  publicUrl: http://127.0.0.1:%2$d
                core:
                  url: %3$s
                server:
                  host: 127.0.0.1
                  port: %2$d
                  stateDir: %4$s
                database:
                  type: sqlite
                identity:
                  unmappedMessage: "In development mode only %5$s is mapped (to the local user %6$s)."
                  mappings:
                    "%5$s": %6$s
                products:
                  cpu:
                    type: compute
                    accountingUnit: {name: Core hour, namePlural: Core hours, floatingPoint: false, displayFrequencySuffix: true}
                    accountingFrequency: PERIODIC_MINUTE
                    products:
                      - {name: cpu-1, description: 1 vCPU, cpu: 1, memoryInGigs: 4}
                  home:
                    type: storage
                    accountingUnit: {name: GB, namePlural: GB, floatingPoint: false, displayFrequencySuffix: false}
                    accountingFrequency: PERIODIC_DAY
                    products:
                      - {name: home, description: Home directory}
                logging:
                  format: text
                """.formatted(providerId, serverPort, coreUrl, stateDir(), demoUcloudUser, localUser);
    }
}

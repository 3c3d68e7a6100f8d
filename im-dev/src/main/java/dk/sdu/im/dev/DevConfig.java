package dk.sdu.im.dev;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the configuration directory development mode runs the module with: embedded defaults on loopback. */
record DevConfig(Path directory, String providerId, int serverPort, int gatewayPort, URI coreUrl, String demoUcloudUser,
                 String localUser, String serviceUser, Path launcher) {

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

    Path runDir() {
        return directory.resolveSibling("run");
    }

    /** As root instances start through sudo from this distribution; otherwise directly, as the invoking user. */
    private String instancesYaml() {
        String common = """
                  serviceUser: %s
                  ipcSocket: %s/ucloud.sock
                  idleTimeoutSeconds: 120
                """.formatted(serviceUser, runDir());
        return launcher == null ? "  launch: direct\n" + common
                : "  launch: sudo\n  launcher: " + launcher + "\n  userGroup: " + DevAccounts.GROUP + "\n" + common;
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
                  port: %7$d
                  stateDir: %4$s
                gateway:
                  host: 127.0.0.1
                  port: %2$d
                instances:
                  %8$s
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
                compute:
                  backend: local
                  pollSeconds: 2
                logging:
                  format: text
                """.formatted(providerId, gatewayPort, coreUrl, stateDir(), demoUcloudUser, localUser, serverPort,
                instancesYaml().stripTrailing().stripLeading());
    }
}

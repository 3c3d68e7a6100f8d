package dk.sdu.im.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dk.sdu.im.server.instances.FakeInstallation;
import dk.sdu.im.testkit.core.FakeCore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 8: IM/Server started with an install that can serve nobody says so at start-up, one clear line per
 * problem from the same check every launch makes, and a user's request it cannot serve logs what the administrator
 * must fix (the user gets 503).
 */
class UnservableInstallTest {
    @TempDir
    Path dir;
    private FakeCore core;
    private ServerFixture fixture;
    private final SevereLines log = new SevereLines();

    @BeforeEach
    void start() throws Exception {
        core = FakeCore.start();
        fixture = new ServerFixture(dir, core);
    }

    @AfterEach
    void stop() {
        log.close();
        if (fixture != null) {
            fixture.close();
        }
        if (core != null) {
            core.close();
        }
    }

    @Test
    void aLauncherThatDoesNotExistIsOneLineAtStartAndLoggedWithTheRefusedRequest() throws Exception {
        Path launcher = dir.resolve("opt/ucloud-im/bin/ucloud-im-user");
        fixture.instancesYaml = "launch: sudo\nlauncher: " + launcher + "\nuserGroup: ucloud-users";
        fixture.start("type: sqlite", "");

        assertThat(log.lines()).filteredOn(line -> line.startsWith("user instances will not launch: ")).singleElement()
                .isEqualTo("user instances will not launch: instances.launcher " + launcher + " does not exist, so no user"
                        + " instance can start; install the distribution so that this is its bin/ucloud-im-user, or set"
                        + " instances.launcher in config.yml to the installed one");
        assertThat(log.lines()).contains("IM/Server answers UCloud's system calls, but no user can be served until this"
                + " problem is fixed; every launch checks again");
        assertThat(log.lines()).noneMatch(line -> line.contains("cannot be checked") || line.contains("cannot read"));

        int status = userRequest("alice#1234").statusCode();

        assertThat(status).isEqualTo(503);
        assertThat(log.lines()).contains("refusing to launch user instances: instances.launcher " + launcher + " does not"
                + " exist, so no user instance can start; install the distribution so that this is its bin/ucloud-im-user,"
                + " or set instances.launcher in config.yml to the installed one [refused alice#1234 (alice) with 503]");
    }

    @Test
    void aCheckoutWhoseParentsAreNotRootOwnedIsNamedAtStart() throws Exception {
        assumeTrue(FakeInstallation.root(), "needs root: gives a directory above the install to another account");
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        var site = FakeInstallation.create(checkout);
        FakeInstallation.giveToNobody(checkout);
        fixture.instancesYaml = "launch: sudo\nlauncher: " + site.launcher + "\nuserGroup: ucloud-users";
        fixture.start("type: sqlite", "");

        List<String> lines = log.lines().stream().filter(line -> line.startsWith("user instances will not launch: ")).toList();
        assertThat(lines).contains("user instances will not launch: " + checkout + " is owned by uid 65534, not root; run:"
                + " chown root: " + checkout + " (needed for the launcher sudo runs: " + site.launcher + ")");
        assertThat(lines).hasSizeLessThanOrEqualTo(11).last().asString()
                .contains("`ucloud-im config check` lists them all");
        assertThat(log.lines()).anyMatch(line -> line.matches("IM/Server answers UCloud's system calls, but no user can be"
                + " served until these [0-9]+ problems are fixed; every launch checks again"));
    }

    private HttpResponse<String> userRequest(String ucloudUser) throws Exception {
        var gateway = fixture.server.gatewayAddress();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + "/ucloud/"
                        + ServerFixture.PROVIDER + "/files/browse?path=%2F"))
                .header("Authorization", "Bearer " + fixture.provider.tokens().serviceToken())
                .header("ucloud-username", java.util.Base64.getEncoder().encodeToString(ucloudUser.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        try (var http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** IM/Server's SEVERE log lines while open. */
    private static final class SevereLines extends Handler implements AutoCloseable {
        /** Held here: java.util.logging keeps loggers weakly, and a collected one would come back without this handler. */
        private final Logger server = Logger.getLogger("dk.sdu.im.server");
        private final List<String> lines = new ArrayList<>();

        SevereLines() {
            server.addHandler(this);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            server.removeHandler(this);
        }
    }
}

package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.must;
import static dk.sdu.im.systemtest.Installation.ALICE;
import static dk.sdu.im.systemtest.Installation.BOB;
import static dk.sdu.im.systemtest.Installation.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13 end to end (DESIGN 4.8), with real accounts and alice's own instance behind the gateway. Break 1: bob may
 * write a folder alice shares inside her home drive; he swaps a folder there with a symlink to a folder of alice's
 * outside the drive, again and again ({@code FolderSwapper}, renameat2 RENAME_EXCHANGE, as bob), while UCloud
 * browses, retrieves, copies and trashes through it for alice; none of those calls may list, read, copy or trash
 * anything outside. Break 2: names that are not UTF-8 keep texts of their own through the JSON and the gateway, and
 * trashing one trashes that file.
 *
 * <p>Everything this class makes is named {@code cf-...} and removed before and after, since the accounts outlive
 * a run; alice's home gets search permission for others while it runs (bob must reach the shared folder) and its
 * mode back afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfinementSystemTest {
    private static final int TRIES = 150;
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final Path ALICE_HOME = Path.of("/home", ALICE);
    private static final Path SHARED = ALICE_HOME.resolve("cf-shared");
    private static final Path BOX = SHARED.resolve("box");
    private static final Path LANDING = ALICE_HOME.resolve("cf-landing");
    private static final Path NAMES = ALICE_HOME.resolve("cf-names");
    /** Alice's, outside every drive: confinement, not Unix permissions, must keep her calls out of it. */
    private static final Path OUTSIDE = Path.of("/tmp/cf-ucloud-im-systest-outside");
    private static final String DRIVE = "{\"id\":\"7\",\"providerGeneratedId\":\"home " + ALICE_UCLOUD + "\\n/home/"
            + ALICE + "\"}";

    private Installation site;
    private ProviderClient client;
    private String homeMode;

    @BeforeAll
    void install() throws Exception {
        assumeTrue(Host.root(), "needs root: creates accounts, installs a sudo rule and runs processes as other users");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (./test installs it when run as root)");
        site = Installation.install(Path.of(System.getProperty("im.dist")), 120, List.of());
        client = new ProviderClient(site.gateway(), PROVIDER, site.provider.tokens(), Duration.ofSeconds(20));
        removeLeftovers();
        homeMode = must("stat", "-c", "%a", ALICE_HOME.toString()).strip();
        must("chmod", "o+x", ALICE_HOME.toString());
    }

    @AfterAll
    void uninstall() throws Exception {
        if (site == null) {
            return;
        }
        try {
            site.stopServer();
        } finally {
            site.close();
            client.close();
            removeLeftovers();
            if (homeMode != null) {
                must("chmod", homeMode, ALICE_HOME.toString());
            }
        }
    }

    private static void removeLeftovers() throws Exception {
        must("rm", "-rf", SHARED.toString(), LANDING.toString(), NAMES.toString(), OUTSIDE.toString());
        Path trash = ALICE_HOME.resolve("Trash");
        if (Files.isDirectory(trash)) {
            try (Stream<Path> trashed = Files.list(trash)) {
                for (Path entry : trashed.filter(p -> p.getFileName().toString().startsWith("cf-")
                        || p.getFileName().toString().startsWith("bad")).toList()) {
                    must("rm", "-rf", entry.toString());
                }
            }
        }
    }

    private Caller alice() {
        return client.asUser(ALICE_UCLOUD);
    }

    private Reply browse(String folder) {
        return alice().post("files/browse", "{\"resolvedCollection\":" + DRIVE + ",\"Browse\":{\"flags\":{\"path\":\""
                + folder + "\"},\"itemsPerPage\":250}}");
    }

    private Reply retrieve(String id) {
        return alice().post("files/retrieve", "{\"resolvedCollection\":" + DRIVE + ",\"retrieve\":{\"id\":\"" + id
                + "\",\"flags\":{}}}");
    }

    private Reply copy(String from, String to) {
        return alice().post("files/copy", "{\"items\":[{\"oldId\":\"" + from + "\",\"newId\":\"" + to
                + "\",\"conflictPolicy\":\"REJECT\",\"resolvedOldCollection\":" + DRIVE + ",\"resolvedNewCollection\":"
                + DRIVE + "}]}");
    }

    private Reply trash(String id) {
        return alice().post("files/trash", "{\"items\":[{\"id\":\"" + id + "\",\"resolvedCollection\":" + DRIVE + "}]}");
    }

    /** The drive's layout: bob's box (his, writable by all) in alice's shared folder, alice's folder outside. */
    private static void layout() throws Exception {
        Files.createDirectories(OUTSIDE);
        Files.writeString(OUTSIDE.resolve("data.txt"), "OUTSIDE");
        Files.writeString(OUTSIDE.resolve("only-outside.txt"), "OUTSIDE");
        Files.createDirectories(BOX);
        Files.writeString(BOX.resolve("data.txt"), "in");
        for (int i = 0; i < TRIES; i++) {
            Files.writeString(OUTSIDE.resolve("cf-victim-" + i), "OUTSIDE");
            Files.writeString(BOX.resolve("cf-victim-" + i), "in");
        }
        Files.createDirectories(LANDING);
        must("chown", "-R", ALICE + ":", OUTSIDE.toString(), SHARED.toString(), LANDING.toString());
        must("chmod", "0700", OUTSIDE.toString());
        must("chmod", "1777", SHARED.toString());
        must("chown", "-R", BOB + ":", BOX.toString());
        must("chmod", "-R", "a+rwX", BOX.toString());
    }

    /** Bob's swapper, running as bob until closed. */
    private static final class Swapper implements AutoCloseable {
        private final Process process;

        Swapper() throws Exception {
            Path source = Path.of("/tmp/cf-FolderSwapper.java");
            Files.copy(ConfinementSystemTest.class.getResourceAsStream("/FolderSwapper.java"), source,
                    StandardCopyOption.REPLACE_EXISTING);
            source.toFile().setReadable(true, false);
            String java = ProcessHandle.current().info().command().orElseThrow();
            process = new ProcessBuilder(as(BOB, java, "--enable-native-access=ALL-UNNAMED", source.toString(),
                    BOX.toString(), SHARED.resolve(".box-link").toString(), OUTSIDE.toString()))
                    .redirectErrorStream(true).start();
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"swapping".equals(first)) {
                process.destroyForcibly();
                throw new IllegalStateException("the swapper did not start: " + first);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    @Order(1)
    void bobsSwappedFolderNeverLetsAlicesCallsOutOfHerDrive() throws Exception {
        layout();
        List<String> listed = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        int refused = 0;
        try (var swapper = new Swapper()) {
            for (int i = 0; i < TRIES; i++) {
                Reply page = browse("/7/cf-shared/box");
                if (page.status() == 200) {
                    page.json().get("items").forEach(item -> listed.add(item.get("id").asText()));
                }
                Reply file = retrieve("/7/cf-shared/box/data.txt");
                if (file.status() == 200) {
                    sizes.add(file.json().at("/status/sizeInBytes").asLong());
                }
                Reply copied = copy("/7/cf-shared/box/data.txt", "/7/cf-landing/cf-copy-" + i);
                Reply trashed = trash("/7/cf-shared/box/cf-victim-" + i);
                for (Reply reply : List.of(page, file, copied, trashed)) {
                    assertThat(reply.status()).as(reply.body()).isIn(200, 403, 404, 409);
                    refused += reply.status() == 200 ? 0 : 1;
                }
            }
        }
        assertThat(refused).as("calls that met bob's link and were refused").isPositive();
        assertThat(listed).as("never a listing of the folder outside").doesNotContain("/7/cf-shared/box/only-outside.txt")
                .contains("/7/cf-shared/box/data.txt");
        assertThat(sizes).as("never the file outside").isNotEmpty().containsOnly(2L);
        try (Stream<Path> copies = Files.list(LANDING)) {
            assertThat(copies.map(ConfinementSystemTest::read).toList()).as("never copied from outside").isNotEmpty().containsOnly("in");
        }
        for (int i = 0; i < TRIES; i++) {
            assertThat(OUTSIDE.resolve("cf-victim-" + i)).as("never trashed from outside").hasContent("OUTSIDE");
        }
        assertThat(OUTSIDE.resolve("data.txt")).hasContent("OUTSIDE");
    }

    private static Path named(Path folder, String percentEncoded) {
        return Path.of(URI.create(folder.toUri() + percentEncoded));
    }

    @Test
    @Order(2)
    void namesThatAreNotUtf8KeepTextsOfTheirOwnThroughTheGateway() throws Exception {
        Files.createDirectories(NAMES);
        Files.writeString(named(NAMES, "bad%FFutf8"), "ff");
        Files.writeString(named(NAMES, "bad%FEutf8"), "fe!");
        Files.writeString(named(NAMES, "bad%EF%BF%BDutf8"), "fffd");
        must("chown", "-R", ALICE + ":", NAMES.toString());
        String ff = "/7/cf-names/bad\uFFFDFFutf8";
        String fe = "/7/cf-names/bad\uFFFDFEutf8";
        String replacement = "/7/cf-names/bad\uFFFDEF\uFFFDBF\uFFFDBDutf8";

        Reply page = browse("/7/cf-names");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(ff, fe, replacement);
        assertThat(sizeOf(retrieve(ff))).isEqualTo(2);
        assertThat(sizeOf(retrieve(fe))).isEqualTo(3);
        assertThat(sizeOf(retrieve(replacement))).isEqualTo(4);

        Reply trashed = trash(fe);
        assertThat(trashed.status()).as(trashed.body()).isEqualTo(200);
        assertThat(named(ALICE_HOME.resolve("Trash"), "bad%FEutf8")).hasContent("fe!");
        assertThat(named(NAMES, "bad%FFutf8")).hasContent("ff");
        assertThat(named(NAMES, "bad%EF%BF%BDutf8")).hasContent("fffd");
        assertThat(trash("/7/cf-names/bad\uFFFDutf8").status()).as("a text no file has").isEqualTo(400);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long sizeOf(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode size = reply.json().at("/status/sizeInBytes");
        return size.asLong();
    }
}

package dk.sdu.im.user.jobs;

import static dk.sdu.im.user.jobs.FollowFixture.ALICE;
import static dk.sdu.im.user.jobs.FollowFixture.eventually;
import static dk.sdu.im.user.jobs.FollowFixture.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.testkit.browser.CloseStatus;
import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a job's output over IM/User's WebSocket listener, as Core does it (contract 3.5.4). */
class JobFollowEndpointTest {
    @TempDir
    Path temp;
    private FollowFixture fixture;

    private FollowFixture start(FollowTiming timing) throws IOException {
        fixture = new FollowFixture(temp, timing);
        return fixture;
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void linesWrittenBeforeAndWhileFollowingArriveInOrderThenTheStreamEndsWith200() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Files.writeString(f.stdout(), "one\n");
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.stdout().equals("one\n"))).isTrue();
            append(f.stdout(), "two\n");
            assertThat(core.awaitUntil(c -> c.stdout().equals("one\ntwo\n"))).isTrue();
            append(f.stdout(), "three\n");
            assertThat(core.awaitUntil(c -> c.stdout().equals("one\ntwo\nthree\n"))).isTrue();
            f.compute.finish();

            assertThat(core.awaitClose()).isEqualTo(new CloseStatus(1000, ""));
            JsonNode last = core.frames().getLast();
            assertThat(last.path("type").asText()).isEqualTo("response");
            assertThat(last.path("status").asInt()).isEqualTo(200);
            assertThat(last.path("streamId").asText()).isEqualTo("s-1");
            assertThat(last.path("payload").isObject()).isTrue();
            assertThat(core.stdout()).isEqualTo("one\ntwo\nthree\n");
        }
        assertThat(f.activity.get()).as("the instance counts as active while followed").isPositive();
    }

    @Test
    void aCharacterSplitBetweenTwoWritesArrivesWhole() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        byte[] text = "aé😀b".getBytes(StandardCharsets.UTF_8);
        Files.write(f.stdout(), slice(text, 0, 2));
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.stdout().equals("a"))).isTrue();
            append(f.stdout(), slice(text, 2, 5));
            assertThat(core.awaitUntil(c -> c.stdout().equals("aé"))).isTrue();
            append(f.stdout(), slice(text, 5, text.length));
            f.compute.finish();

            assertThat(core.awaitClose()).isNotNull();
            assertThat(core.stdout()).isEqualTo("aé😀b");
            assertThat(core.messages()).extracting(m -> m.path("payload").path("stdout").asText())
                    .noneMatch(chunk -> chunk.contains("\uFFFD"));
        }
    }

    @Test
    void stdoutAndStderrArriveEachInItsOwnFieldUnderOneSession() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Files.writeString(f.stdout(), "out\n");
        Files.writeString(f.stderr(), "err\n");
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.stdout().equals("out\n") && c.stderr().equals("err\n"))).isTrue();
            append(f.stderr(), "more err\n");
            assertThat(core.awaitUntil(c -> c.stderr().equals("err\nmore err\n"))).isTrue();

            assertThat(core.messages()).hasSize(3).allSatisfy(message -> {
                assertThat(message.path("streamId").asText()).isEqualTo("s-1");
                JsonNode payload = message.path("payload");
                assertThat(payload.path("rank").asInt(-1)).isZero();
                assertThat(payload.has("channel") && payload.get("channel").isNull()).isTrue();
                assertThat(payload.get("stdout").isNull()).isNotEqualTo(payload.get("stderr").isNull());
                assertThat(payload.path("streamId").asText()).isNotEmpty()
                        .isEqualTo(core.messages().getFirst().path("payload").path("streamId").asText());
            });
        }
    }

    @Test
    void aJobTheSchedulerNoLongerKnowsEndsAfterAllItsBytes() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        String out = "x".repeat(300_000) + "\n";
        Files.writeString(f.stdout(), out);
        Files.writeString(f.stderr(), "warning\n");
        f.compute.forget();
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitClose()).isEqualTo(new CloseStatus(1000, ""));
            assertThat(core.stdout()).isEqualTo(out);
            assertThat(core.stderr()).isEqualTo("warning\n");
            assertThat(core.frames().getLast().path("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void aFileOfSeveralMebibytesArrivesWholeInFramesOfAtMost64KiB() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        StringBuilder text = new StringBuilder();
        for (int line = 0; text.length() < 5 * 1024 * 1024; line++) {
            text.append("line ").append(line).append(" ÆØÅ 😀\n");
        }
        Files.writeString(f.stdout(), text);
        f.compute.finish();
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitClose()).isNotNull();
            assertThat(core.stdout()).isEqualTo(text.toString());
            assertThat(core.messages()).hasSizeGreaterThan(80).allSatisfy(message -> assertThat(
                    message.path("payload").path("stdout").asText().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(64 * 1024));
        }
    }

    @Test
    void aTruncatedFileIsSentAgainFromItsStart() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Files.writeString(f.stdout(), "first attempt\n");
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.stdout().equals("first attempt\n"))).isTrue();
            Files.writeString(f.stdout(), "again\n");

            assertThat(core.awaitUntil(c -> c.stdout().equals("first attempt\nagain\n"))).isTrue();
        }
    }

    @Test
    void filesThatDoNotExistYetAreWaitedFor() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        try (FollowClient core = f.follow(job())) {
            assertThat(eventually(() -> f.compute.asked() >= 2)).isTrue();
            Files.writeString(f.stderr(), "late\n");

            assertThat(core.awaitUntil(c -> c.stderr().equals("late\n"))).isTrue();
            assertThat(core.response()).isEmpty();
        }
    }

    @Test
    void anotherUsersJobIsRefusedWith403AndNothingOfItIsSent() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Files.writeString(f.stdout(), "bob's output\n");
        try (FollowClient core = f.follow(job("bob#5678", FollowFixture.FOLDER))) {
            assertRefused(core, 403);
        }
    }

    @Test
    void anUpgradeForAnotherUserIsRefused() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        assertThatThrownBy(() -> f.connectAs("bob#5678")).isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void aJobWithoutAnOutputFolderIsRefusedWith404() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        try (FollowClient core = f.follow(job(ALICE, null))) {
            JsonNode response = assertRefused(core, 404);
            assertThat(response.path("payload").path("why").asText()).isEqualTo("The job has no output yet");
        }
    }

    @Test
    void anOutputFolderOutsideTheUsersDrivesIsRefused() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Path outside = Files.createDirectory(f.temp.resolve("outside"));
        Files.writeString(outside.resolve(JobSubmitter.STDOUT), "top secret\n");
        Files.createSymbolicLink(f.jobFolder.resolveSibling("linked"), outside);
        try (FollowClient viaLink = f.follow(job(ALICE, "/12/Jobs/linked"))) {
            assertRefused(viaLink, 403);
        }
        try (FollowClient otherDrive = f.follow(job(ALICE, "/13/Jobs/4213"))) {
            assertRefused(otherDrive, 403);
        }
    }

    @Test
    void aStdoutThatIsASymlinkOutOfTheDriveIsNotFollowed() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Path secret = Files.writeString(Files.createDirectory(f.temp.resolve("outside")).resolve("secret.txt"), "top secret\n");
        Files.createSymbolicLink(f.stdout(), secret);
        try (FollowClient core = f.follow(job())) {
            assertRefused(core, 403);
        }
    }

    @Test
    void coreClosingTheSocketStopsTheFollowAndReleasesItsFiles() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        Files.writeString(f.stdout(), "running\n");
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.stdout().equals("running\n"))).isTrue();
            assertThat(openDescriptorsOf(f.stdout())).isOne();
            core.closeAsCore();

            assertThat(eventually(() -> f.endpoint.running() == 0 && f.server.openSockets() == 0)).isTrue();
            assertThat(openDescriptorsOf(f.stdout())).isZero();
            assertThat(core.response()).isEmpty();
        }
    }

    @Test
    void theServerClosingTheSocketStopsTheFollow() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        try (FollowClient core = f.follow(job())) {
            assertThat(eventually(() -> f.endpoint.running() == 1)).isTrue();
            f.server.close();

            assertThat(eventually(() -> f.endpoint.running() == 0)).isTrue();
            assertThat(core.awaitClose()).isNotNull();
        }
    }

    @Test
    void theSchedulerIsAskedAtMostOncePerStatusInterval() throws Exception {
        Duration every = Duration.ofMillis(200);
        FollowFixture f = start(new FollowTiming(Duration.ofMillis(5), every, Duration.ofSeconds(30), Duration.ofMinutes(5),
                64 * 1024));
        long started = System.nanoTime();
        try (FollowClient core = f.follow(job())) {
            assertThat(eventually(() -> f.compute.asked() >= 4)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(every.multipliedBy(3));
            assertThat(core.response()).as("a running job is still followed").isEmpty();
        }
    }

    @Test
    void aSilentFollowSendsKeepAlives() throws Exception {
        FollowFixture f = start(new FollowTiming(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMinutes(5), 64 * 1024));
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitUntil(c -> c.texts().stream().filter(FollowFrames.KEEP_ALIVE::equals).count() >= 2))
                    .isTrue();
        }
    }

    @Test
    void aFollowEndsAtItsTimeLimitWithoutAResponse() throws Exception {
        FollowFixture f = start(new FollowTiming(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(30),
                Duration.ofMillis(300), 64 * 1024));
        Files.writeString(f.stdout(), "still running\n");
        try (FollowClient core = f.follow(job())) {
            assertThat(core.awaitClose()).isEqualTo(new CloseStatus(1000, ""));
            assertThat(core.stdout()).isEqualTo("still running\n");
            assertThat(core.response()).isEmpty();
        }
        assertThat(eventually(() -> f.endpoint.running() == 0)).isTrue();
    }

    @Test
    void aFirstFrameThatIsNoFollowRequestIsAnsweredWith400() throws Exception {
        FollowFixture f = start(FollowFixture.QUICK);
        try (FollowClient core = f.connectAs(ALICE)
                .send("{\"call\":\"jobs.provider.slurm.browse\",\"streamId\":\"s-9\",\"payload\":{}}")) {
            assertThat(assertRefused(core, 400).path("streamId").asText()).isEqualTo("s-9");
        }
        try (FollowClient core = f.connectAs(ALICE).send("not json")) {
            assertRefused(core, 400);
        }
    }

    /** The follow was refused: one response frame with {@code status} and nothing else, then the close. */
    private static JsonNode assertRefused(FollowClient core, int status) throws InterruptedException {
        assertThat(core.awaitClose()).isEqualTo(new CloseStatus(1000, ""));
        assertThat(core.texts()).noneMatch(text -> text.contains("secret") || text.contains("bob's output"));
        assertThat(core.frames()).singleElement()
                .satisfies(frame -> assertThat(frame.path("status").asInt()).isEqualTo(status));
        return core.frames().getFirst();
    }

    /** How many descriptors of this process are open on {@code file} (Linux: /proc/self/fd). */
    private static long openDescriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static void append(Path file, String text) throws IOException {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}

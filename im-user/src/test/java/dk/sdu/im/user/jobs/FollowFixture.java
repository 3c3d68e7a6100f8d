package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.http.HttpListener;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.testkit.core.CoreTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * IM/User's follow endpoint on a loopback listener over a temporary drive {@code /12} (the instance's user is
 * {@link #ALICE}), with the job folder {@code /12/Jobs/4213} and a scheduler the test controls.
 */
final class FollowFixture implements AutoCloseable {
    static final String ALICE = "alice#1234";
    static final String FOLDER = "/12/Jobs/4213";
    /** Quick pacing for tests: polls every 20 ms, asks the scheduler every 50 ms. */
    static final FollowTiming QUICK = new FollowTiming(Duration.ofMillis(20), Duration.ofMillis(50),
            Duration.ofSeconds(30), Duration.ofMinutes(5), 64 * 1024);
    private static final CoreTokens TOKENS = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path temp;
    final Path jobFolder;
    final FollowFakeCompute compute = new FollowFakeCompute();
    final AtomicInteger activity = new AtomicInteger();
    final JobFollowEndpoint endpoint;
    final HttpListener server;

    FollowFixture(Path temp, FollowTiming timing) throws IOException {
        this.temp = temp.toRealPath();
        Path root = Files.createDirectory(this.temp.resolve("12"));
        this.jobFolder = Files.createDirectories(root.resolve("Jobs/4213"));
        var drives = new JobDrives(() -> Map.of("home", "12"), List.of(new DriveLocator("home", "cpu", "Home", "{home}")),
                () -> "alice", root);
        var verifier = new CoreTokenVerifier((RSAPublicKey) TOKENS.keyPair().getPublic(), TOKENS.issuer(),
                Duration.ofSeconds(60), Clock.systemUTC());
        this.endpoint = new JobFollowEndpoint(new CallerResolver(verifier, UserClaimRule.required(), () -> ALICE),
                Json.boundaryMapper(), new JobFollowEndpoint.Jobs(() -> ALICE, drives::local, compute), timing,
                activity::incrementAndGet, new RequestLog());
        this.server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("/ucloud/jobs.provider.slurm/websocket", endpoint), HttpListener.Settings.defaults());
    }

    /** A follow of {@code job} as {@link #ALICE}, its first frame sent with stream id {@code s-1}. */
    FollowClient follow(JsonNode job) throws IOException {
        return FollowClient.open(server.address().getPort(), TOKENS.tokenWithUserClaim(ALICE), ALICE)
                .send(FollowClient.init("s-1", job));
    }

    FollowClient connectAs(String user) throws IOException {
        return FollowClient.open(server.address().getPort(), TOKENS.tokenWithUserClaim(user), user);
    }

    /** Core's Job 4213 of {@code owner}, with the provider id {@code 77} and the output folder (null: none yet). */
    static ObjectNode job(String owner, String outputFolder) {
        ObjectNode job = JSON.createObjectNode().put("id", "4213").put("providerGeneratedId", "77");
        job.putObject("owner").put("createdBy", owner).putNull("project");
        job.putObject("specification").putObject("product").put("id", "cpu-1").put("category", "cpu");
        job.putObject("output").put("outputFolder", outputFolder);
        return job;
    }

    static ObjectNode job() {
        return job(ALICE, FOLDER);
    }

    Path stdout() {
        return jobFolder.resolve(JobSubmitter.STDOUT);
    }

    Path stderr() {
        return jobFolder.resolve(JobSubmitter.STDERR);
    }

    /** Waits up to 10 s for {@code condition}; whether it holds. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        server.close();
    }
}

package dk.sdu.im.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.client.Reply;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import dk.sdu.im.testkit.core.ShellJobs;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The demo job development mode runs once the module is ready: the testkit's shell application as the demo user,
 * on the local backend, submitted through the gateway as UCloud would, with each update UCloud receives printed.
 */
final class DevDemoJob {
    /** New in every run: job folders outlive a run in the demo user's home, and a job's folder must be new. */
    private static final String JOB_ID = String.valueOf(System.currentTimeMillis() / 1000);
    private static final String SCRIPT = "echo \"Hello from $(id -un) on $(hostname)\"; "
            + "for step in 1 2 3; do echo \"step $step\"; sleep 1; done";

    private DevDemoJob() {
    }

    /** Runs the demo on a thread of its own, so that Ctrl-C still stops everything at once. */
    static void start(FakeCore core, Provider provider, URI gateway, String providerId, String user, String home) {
        Thread.ofPlatform().daemon().name("dev-demo-job").start(() -> {
            try {
                run(core, provider, gateway, providerId, user, home);
            } catch (RuntimeException | InterruptedException e) {
                System.out.println("dev: the demo job could not run: " + e.getMessage());
            }
        });
    }

    private static void run(FakeCore core, Provider provider, URI gateway, String providerId, String user, String home)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (core.products(providerId).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        ObjectNode job = core.createJob(providerId, ShellJobs.job(JOB_ID, user, providerId, "cpu-1", "cpu", SCRIPT, 5));
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putArray("items").add(job);
        try (var client = new ProviderClient(gateway, providerId, provider.tokens(), Duration.ofSeconds(20))) {
            Reply reply = client.asUser(user).post("jobs", body);
            if (reply.status() != 200) {
                System.out.println("dev: the demo job was refused (" + reply.status() + "): " + reply.body());
                return;
            }
            System.out.println("dev: demo job " + JOB_ID + " submitted as " + user + " (provider id "
                    + reply.json().at("/responses/0/id").asText() + "); follow its output with\n"
                    + "  tail -f " + home + "/Jobs/shell/" + JOB_ID + "/stdout.txt\n"
                    + "  or the follow WebSocket UCloud opens: " + gateway.toString().replace("http", "ws")
                    + "/ucloud/jobs.provider." + providerId + "/websocket");
        }
        printUpdates(core);
    }

    private static void printUpdates(FakeCore core) throws InterruptedException {
        Set<String> printed = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode updates = core.job(JOB_ID).path("updates");
            for (JsonNode update : updates) {
                if (printed.add(update.toString())) {
                    System.out.println("dev: UCloud received for job " + JOB_ID + ": " + update);
                    if (update.path("state").asText("").matches("SUCCESS|FAILURE|EXPIRED")) {
                        return;
                    }
                }
            }
            Thread.sleep(250);
        }
    }
}

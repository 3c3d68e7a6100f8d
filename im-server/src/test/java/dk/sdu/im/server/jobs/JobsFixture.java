package dk.sdu.im.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.db.Database;
import dk.sdu.im.db.DatabaseSettings;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.config.AccountingFrequency;
import dk.sdu.im.config.AccountingUnit;
import dk.sdu.im.config.Placement;
import dk.sdu.im.config.Product;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import dk.sdu.im.server.ucloud.CoreClient;
import dk.sdu.im.server.ucloud.FakeCoreClients;
import dk.sdu.im.server.ucloud.JobClient;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import dk.sdu.im.testkit.core.RecordedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The jobs side of IM/Server against the UCloud stand-in: FakeCore with provider {@value #PROVIDER}, a real
 * {@link JobClient} over a real {@code CoreClient} with that provider's credentials, and a real SQLite database.
 */
final class JobsFixture implements AutoCloseable {
    static final String PROVIDER = "slurm";
    static final String ALICE = "alice#1234";
    static final String BOB = "bob#5678";
    static final String UPDATE = "/api/jobs/control/update";

    final FakeCore core = FakeCore.start();
    final Provider provider = core.registerProvider(PROVIDER);
    final CoreClient coreClient = FakeCoreClients.connect(core, provider);
    final JobClient client = new JobClient(coreClient);
    final Database database;
    final TrackedJobs store;

    JobsFixture(Path directory) {
        database = Database.open(DatabaseSettings.sqlite(directory.resolve("im.sqlite")), Clock.systemUTC());
        store = database.trackedJobs();
    }

    /** A tracker as IM/Server builds one at start-up, from what the database holds now. */
    JobTracker newTracker() {
        return new JobTracker(store, client, Clock.systemUTC());
    }

    /** A personal job {@code createdBy} submitted at UCloud, state IN_QUEUE. */
    void createJob(String jobId, String createdBy) {
        createJob(jobId, createdBy, null);
    }

    /** A job {@code createdBy} submitted at UCloud in {@code project} (null: the personal workspace). */
    void createJob(String jobId, String createdBy, String project) {
        ObjectNode job = JsonNodeFactory.instance.objectNode().put("id", jobId);
        job.putObject("owner").put("createdBy", createdBy).put("project", project);
        ObjectNode specification = job.putObject("specification");
        specification.putObject("product").put("id", "cpu-1").put("category", "cpu").put("provider", PROVIDER);
        specification.putObject("application").put("name", "my-batch-app").put("version", "1.0");
        core.createJob(PROVIDER, job);
    }

    /** Makes {@code category} known to FakeCore, so usage of it may be reported. */
    void seedCategory(String category) {
        ObjectNode product = JsonNodeFactory.instance.objectNode().put("name", category + "-1");
        product.putObject("category").put("name", category).put("provider", PROVIDER);
        core.seedProduct(product);
    }

    /** A compute category with one product per entry of {@code gpus}, that many GPUs each. */
    static ProductCategory compute(String name, AccountingFrequency frequency, int... gpus) {
        List<Product> products = new java.util.ArrayList<>();
        for (int gpu : gpus) {
            products.add(new Product(name + "-" + (products.size() + 1), "", 1, 1, 4, gpu));
        }
        return new ProductCategory(name, ProductType.COMPUTE, new AccountingUnit("Core", "Cores", false, true), frequency,
                false, products, Placement.DEFAULTS);
    }

    /** A job that ended with this usage, as the database holds it. */
    void ended(String jobId, String ucloudUser, String project, String category, long cpuSeconds, long gpuSeconds) {
        store.track(TrackedJob.submitted(jobId, "slurm-" + jobId, ucloudUser, "local", project, category, 0));
        store.delivered(jobId, "SUCCESS", true, cpuSeconds, gpuSeconds);
    }

    /** Alice's personal job in category cpu, tracked as submitted with provider id {@code "slurm-" + jobId}. */
    static TrackedJob aliceJob(String jobId) {
        return TrackedJob.submitted(jobId, "slurm-" + jobId, ALICE, "alice", "", "cpu", 1000);
    }

    /** What the scheduler says of job {@code "slurm-" + jobId}, without naming its user. */
    static Observation seen(String jobId, UcloudJobState state, long cpuSeconds) {
        return new Observation("slurm-" + jobId, Optional.empty(), new JobStatus(state, "Your job is " + state),
                cpuSeconds, 0);
    }

    /** The updates UCloud recorded for a job, in order. */
    List<JsonNode> updates(String jobId) {
        return StreamSupport.stream(core.job(jobId).path("updates").spliterator(), false).toList();
    }

    /** The states of the updates UCloud recorded for a job, in order (updates without a state left out). */
    List<String> states(String jobId) {
        return updates(jobId).stream().filter(u -> u.path("state").isTextual()).map(u -> u.get("state").asText()).toList();
    }

    /** Every job update batch UCloud received, answered or not. */
    List<RecordedRequest> updatePosts() {
        return core.requests().stream().filter(r -> r.is("POST", UPDATE)).toList();
    }

    @Override
    public void close() {
        database.close();
        core.close();
    }
}

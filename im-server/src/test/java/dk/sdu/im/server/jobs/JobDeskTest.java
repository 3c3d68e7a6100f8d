package dk.sdu.im.server.jobs;

import static dk.sdu.im.config.AccountingFrequency.PERIODIC_MINUTE;
import static dk.sdu.im.server.jobs.JobsFixture.ALICE;
import static dk.sdu.im.server.jobs.JobsFixture.BOB;
import static dk.sdu.im.server.jobs.JobsFixture.PROVIDER;
import static dk.sdu.im.server.jobs.JobsFixture.compute;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.config.AccountingFrequency;
import dk.sdu.im.config.AccountingUnit;
import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.config.Placement;
import dk.sdu.im.config.Product;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.ipc.InstanceToServer.JobObserved;
import dk.sdu.im.ipc.InstanceToServer.JobSubmitted;
import dk.sdu.im.ipc.InstanceToServer.MaySubmit;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.identity.LocalAccount;
import dk.sdu.im.server.instances.InstanceJobs.Assignee;
import dk.sdu.im.server.ucloud.DriveRegistration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IM/Server's answers to instances' job messages, against FakeCore: nothing an instance says about whose job it is
 * is believed; UCloud's catalogue, the tracker's records and UCloud's usage answers decide.
 */
class JobDeskTest {
    static final Assignee ALICE_INSTANCE = new Assignee(ALICE, "alice", 1100);
    static final Assignee BOB_INSTANCE = new Assignee(BOB, "bob", 1101);
    static final ServerToInstance ACK = new ServerToInstance.Ack();
    static final List<ProductCategory> STORAGE = List.of(new ProductCategory("storage", ProductType.STORAGE,
            new AccountingUnit("GB", "GB", false, false), AccountingFrequency.PERIODIC_DAY, false,
            List.of(new Product("home", "", 0, 0, 0, 0)), Placement.DEFAULTS));
    static final List<DriveLocator> HOME = List.of(new DriveLocator("home", "home", "Home", "{home}"));

    @TempDir
    Path dir;

    JobsFixture fixture;
    JobTracker tracker;
    UsageReporter usage;
    DriveRegistration drives;
    JobDesk desk;

    @BeforeEach
    void start() {
        fixture = new JobsFixture(dir);
        fixture.seedCategory("cpu");
        tracker = fixture.newTracker();
        usage = new UsageReporter(fixture.store, tracker, fixture.client, PROVIDER,
                List.of(compute("cpu", PERIODIC_MINUTE, 0)));
        drives = new DriveRegistration(fixture.coreClient, PROVIDER, HOME, STORAGE);
        desk = new JobDesk(tracker, usage, drives, fixture.client, Clock.systemUTC(), "slurm");
    }

    @AfterEach
    void stop() {
        usage.close();
        fixture.close();
    }

    static JobSubmitted submission(String jobId, String project) {
        return new JobSubmitted(jobId, "991", "/1/Jobs/my-batch-app/" + jobId, "cpu", project);
    }

    @Test
    void aJobUcloudSaysTheUserCreatedIsTrackedAndUcloudLearnsWhereItsOutputGoes() {
        fixture.createJob("4213", ALICE);

        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", ""))).isEqualTo(ACK);

        assertThat(tracker.providerIds()).containsExactly("991");
        assertThat(fixture.store.active()).singleElement().satisfies(job -> {
            assertThat(job.ucloudId()).isEqualTo("4213");
            assertThat(job.ucloudUser()).isEqualTo(ALICE);
            assertThat(job.localUser()).isEqualTo("alice");
            assertThat(job.project()).isEmpty();
            assertThat(job.category()).isEqualTo("cpu");
            assertThat(job.lastState()).isEmpty();
        });
        assertThat(arrived(() -> !fixture.updates("4213").isEmpty())).as("the first update is sent in the background")
                .isTrue();
        assertThat(fixture.updates("4213")).singleElement().satisfies(update -> {
            assertThat(update.path("outputFolder").asText()).isEqualTo("/1/Jobs/my-batch-app/4213");
            assertThat(update.path("status").asText()).isEqualTo("Submitted to slurm (job id 991)");
            assertThat(update.has("state")).as("the state stays IN_QUEUE").isFalse();
        });
        assertThat(fixture.core.job("4213").at("/output/outputFolder").asText()).isEqualTo("/1/Jobs/my-batch-app/4213");
        assertThat(fixture.core.job("4213").at("/status/state").asText()).isEqualTo("IN_QUEUE");
    }

    @Test
    void aJobAnotherUserCreatedIsRefusedAndNotTracked() {
        fixture.createJob("4213", BOB);

        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", "")))
                .isEqualTo(new ServerToInstance.Refused("job 4213 is not one of your jobs"));

        assertThat(tracker.providerIds()).isEmpty();
        assertThat(fixture.store.active()).isEmpty();
        assertThat(fixture.updatePosts()).isEmpty();
    }

    @Test
    void aJobUcloudDoesNotHaveIsRefused() {
        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", "")))
                .isInstanceOf(ServerToInstance.Refused.class);

        assertThat(fixture.store.active()).isEmpty();
    }

    @Test
    void theConfirmationStartedByMaySubmitIsTheOneTakenAndOnlyByTheSameUser() throws Exception {
        fixture.createJob("4213", ALICE);
        assertThat(desk.maySubmit(ALICE_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(ACK);
        assertThat(desk.maySubmit(BOB_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(ACK);

        assertThat(desk.submitted(BOB_INSTANCE, submission("4213", "")))
                .as("bob's own question about alice's job has UCloud's true answer").isInstanceOf(ServerToInstance.Refused.class);
        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", ""))).isEqualTo(ACK);
        assertThat(tracker.providerIds()).containsExactly("991");
    }

    @Test
    void aFloodOfMaySubmitFromOneInstanceAsksUCloudAtMostTheBoundAndLeavesOtherUsersTheirOwn() {
        for (int i = 0; i < 3 * Confirmations.PER_USER; i++) {
            assertThat(desk.maySubmit(ALICE_INSTANCE, new MaySubmit("9" + i, "", "cpu"))).isEqualTo(ACK);
        }
        assertThat(arrived(() -> retrieves() >= Confirmations.PER_USER)).isTrue();
        assertThat(retrieves()).as("one question per open confirmation, no more").isEqualTo(Confirmations.PER_USER);

        fixture.createJob("4213", BOB);
        assertThat(desk.maySubmit(BOB_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(ACK);
        assertThat(desk.submitted(BOB_INSTANCE, submission("4213", ""))).as("bob is not held up by alice's flood")
                .isEqualTo(ACK);
    }

    private long retrieves() {
        return fixture.core.requests().stream().filter(r -> r.is("GET", "/api/jobs/control/retrieve")).count();
    }

    @Test
    void aJobSubmittedAgainIsRefusedAndAnnouncedOnce() {
        fixture.createJob("4213", ALICE);
        desk.submitted(ALICE_INSTANCE, submission("4213", ""));

        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", "")))
                .isEqualTo(new ServerToInstance.Refused("job 4213 was submitted already"));

        assertThat(arrived(() -> !fixture.updates("4213").isEmpty())).isTrue();
        assertThat(fixture.updates("4213")).as("the refused second submission announced nothing").hasSize(1);
    }

    @Test
    void whenUcloudCannotConfirmTheJobItIsRefused() {
        fixture.createJob("4213", ALICE);
        fixture.core.setOutage(true);

        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", ""))).isEqualTo(
                new ServerToInstance.Refused("the provider cannot reach UCloud to confirm the job; try again"));

        assertThat(fixture.store.active()).isEmpty();
    }

    @Test
    void aProjectJobIsTrackedInItsProject() {
        fixture.createJob("4213", ALICE, "p1");

        assertThat(desk.submitted(ALICE_INSTANCE, submission("4213", "p1"))).isEqualTo(ACK);

        assertThat(fixture.store.active()).extracting(TrackedJob::project).containsExactly("p1");
    }

    @Test
    void aProjectOrCategoryOtherThanUcloudsIsRefused() {
        fixture.createJob("1", ALICE, "p1");
        fixture.createJob("2", ALICE);

        ServerToInstance personal = desk.submitted(ALICE_INSTANCE, submission("1", ""));
        ServerToInstance otherProject = desk.submitted(ALICE_INSTANCE, submission("1", "p2"));
        ServerToInstance intoAProject = desk.submitted(ALICE_INSTANCE, submission("2", "p1"));
        ServerToInstance otherCategory = desk.submitted(ALICE_INSTANCE, new JobSubmitted("2", "992", "/1/Jobs/a/2",
                "gpu", ""));

        assertThat(List.of(personal, otherProject, intoAProject, otherCategory)).allSatisfy(reply -> assertThat(reply)
                .isInstanceOfSatisfying(ServerToInstance.Refused.class,
                        refused -> assertThat(refused.reason()).contains("not in that project and category")));
        assertThat(fixture.store.active()).isEmpty();
        assertThat(fixture.updatePosts()).isEmpty();
    }

    @Test
    void aStateTheUsersOwnInstanceSawIsSentToUcloud() {
        fixture.createJob("4213", ALICE);
        desk.submitted(ALICE_INSTANCE, submission("4213", ""));

        assertThat(desk.observed(ALICE_INSTANCE, new JobObserved("991", "RUNNING", "Your job is now running.", 60, 0)))
                .isEqualTo(ACK);

        assertThat(fixture.states("4213")).containsExactly("RUNNING");
        assertThat(tracker.activeUsage()).extracting(dk.sdu.im.db.TrackedJobs.UsageTotal::cpuSeconds).containsExactly(60L);
    }

    @Test
    void aStateReportedForAJobNotTrackedForThatUserIsRefused() {
        fixture.createJob("4213", ALICE);
        desk.submitted(ALICE_INSTANCE, submission("4213", ""));

        ServerToInstance otherUser = desk.observed(BOB_INSTANCE, new JobObserved("991", "SUCCESS", "done", 1, 0));
        ServerToInstance unknownJob = desk.observed(ALICE_INSTANCE, new JobObserved("992", "SUCCESS", "done", 1, 0));
        ServerToInstance unknownState = desk.observed(ALICE_INSTANCE, new JobObserved("991", "DONE", "done", 1, 0));

        assertThat(otherUser).isEqualTo(new ServerToInstance.Refused("no tracked job 991 of yours in state SUCCESS"));
        assertThat(unknownJob).isInstanceOf(ServerToInstance.Refused.class);
        assertThat(unknownState).isInstanceOf(ServerToInstance.Refused.class);
        assertThat(fixture.states("4213")).isEmpty();
        assertThat(tracker.providerIds()).containsExactly("991");
    }

    @Test
    void aUserWhoseWalletUcloudLockedMayNotSubmitUntilItIsUnlocked() throws Exception {
        fixture.createJob("4213", ALICE);
        desk.submitted(ALICE_INSTANCE, submission("4213", ""));
        fixture.core.lockWallet(ALICE, "cpu");
        usage.report();

        assertThat(desk.maySubmit(ALICE_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(new ServerToInstance.Refused(
                "You have no allocation left for cpu on this provider; apply for more resources in UCloud"));
        assertThat(desk.maySubmit(BOB_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(ACK);

        fixture.core.unlockWallet(ALICE, "cpu");
        usage.report();

        assertThat(desk.maySubmit(ALICE_INSTANCE, new MaySubmit("4213", "", "cpu"))).isEqualTo(ACK);
    }

    @Test
    void aProjectWhoseWalletUcloudLockedMayNotSubmitWhoeverAsks() throws Exception {
        fixture.createJob("4213", ALICE, "p1");
        desk.submitted(ALICE_INSTANCE, submission("4213", "p1"));
        fixture.core.lockWallet("p1", "cpu");
        usage.report();

        assertThat(desk.maySubmit(BOB_INSTANCE, new MaySubmit("4213", "p1", "cpu"))).isEqualTo(new ServerToInstance.Refused(
                "Your project has no allocation left for cpu on this provider; apply for more resources in UCloud"));
        assertThat(desk.maySubmit(ALICE_INSTANCE, new MaySubmit("4213", "", "cpu"))).as("Alice's own wallet").isEqualTo(ACK);
    }

    @Test
    void drivesAreTheIdsUcloudGaveTheUsersDrives() throws Exception {
        drives.ensure(mapping(ALICE, "alice", 1100), account("alice", 1100));
        String id = fixture.core.drives(PROVIDER).getFirst().path("id").asText();

        assertThat(desk.drives(ALICE_INSTANCE))
                .isEqualTo(new ServerToInstance.DriveList(List.of(new ServerToInstance.DriveId(id, "home"))));
    }

    @Test
    void afterARestartTheDrivesUcloudHasAlreadyKeepTheirIds() throws Exception {
        drives.ensure(mapping(ALICE, "alice", 1100), account("alice", 1100));
        var before = desk.drives(ALICE_INSTANCE);
        DriveRegistration restarted = new DriveRegistration(fixture.coreClient, PROVIDER, HOME, STORAGE);
        restarted.ensure(mapping(ALICE, "alice", 1100), account("alice", 1100));

        var after = new JobDesk(tracker, usage, restarted, fixture.client, Clock.systemUTC(), "slurm")
                .drives(ALICE_INSTANCE);

        assertThat(after).isEqualTo(before);
        assertThat(fixture.core.drives(PROVIDER)).hasSize(1);
    }

    @Test
    void drivesOfAUserNotRegisteredAreNoneAfterABoundedWait() {
        long started = System.nanoTime();

        assertThat(desk.drives(BOB_INSTANCE)).isEqualTo(new ServerToInstance.DriveList(List.of()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static UserMapping mapping(String ucloudUser, String localUser, int uid) {
        return new UserMapping(ucloudUser, localUser, uid, Instant.EPOCH, Optional.empty());
    }

    private static LocalAccount account(String name, int uid) {
        return new LocalAccount(name, uid, uid, Path.of("/home", name));
    }

    /** Waits up to 10 s for {@code condition}; whether it came true. */
    private static boolean arrived(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        return true;
    }
}

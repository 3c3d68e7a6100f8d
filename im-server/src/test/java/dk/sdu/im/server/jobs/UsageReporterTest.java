package dk.sdu.im.server.jobs;

import static dk.sdu.im.compute.backend.UcloudJobState.RUNNING;
import static dk.sdu.im.config.AccountingFrequency.PERIODIC_DAY;
import static dk.sdu.im.config.AccountingFrequency.PERIODIC_HOUR;
import static dk.sdu.im.config.AccountingFrequency.PERIODIC_MINUTE;
import static dk.sdu.im.server.jobs.JobsFixture.ALICE;
import static dk.sdu.im.server.jobs.JobsFixture.BOB;
import static dk.sdu.im.server.jobs.JobsFixture.compute;
import static dk.sdu.im.server.jobs.JobsFixture.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.server.jobs.UsageReporter.Wallet;
import dk.sdu.im.server.ucloud.CoreFailure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absolute usage reports (contract 4.4) against FakeCore: per owner and category, ended jobs from the database plus
 * running jobs as last seen, in the unit of the category's accounting frequency; UCloud's answer decides whether
 * the owner may submit more.
 */
class UsageReporterTest {
    private static final List<ProductCategory> CATEGORIES = List.of(compute("cpu", PERIODIC_MINUTE, 0),
            compute("cpuh", PERIODIC_HOUR, 0), compute("cpud", PERIODIC_DAY, 0), compute("gpu", PERIODIC_MINUTE, 1, 2),
            compute("mixed", PERIODIC_MINUTE, 0, 1));

    @TempDir
    Path dir;

    JobsFixture fixture;

    @BeforeEach
    void start() {
        fixture = new JobsFixture(dir);
        CATEGORIES.forEach(category -> fixture.seedCategory(category.name()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    UsageReporter reporter(JobTracker tracker) {
        return new UsageReporter(fixture.store, tracker, fixture.client, JobsFixture.PROVIDER, CATEGORIES);
    }

    @Test
    void usageIsAbsolutePerUserForPersonalJobsAndPerProjectForProjectJobsOverEndedAndRunningJobs() throws Exception {
        fixture.ended("1", ALICE, "", "cpu", 600, 0);
        fixture.ended("2", ALICE, "", "cpu", 300, 0);
        fixture.ended("3", BOB, "", "cpu", 60, 0);
        fixture.ended("4", ALICE, "p1", "cpu", 1200, 0);
        fixture.ended("5", BOB, "p1", "cpu", 1800, 0);
        fixture.createJob("6", ALICE);
        JobTracker tracker = fixture.newTracker();
        tracker.track(TrackedJob.submitted("6", "slurm-6", ALICE, "alice", "", "cpu", 0));
        tracker.apply(List.of(seen("6", RUNNING, 240)));

        try (UsageReporter usage = reporter(tracker)) {
            usage.report();
        }

        assertThat(fixture.core.usageReports()).extracting(UsageReporterTest::summary).containsExactlyInAnyOrder(
                "user alice#1234 cpu 19", "user bob#5678 cpu 1", "project p1 cpu 50");
        assertThat(fixture.core.usageReports()).allSatisfy(item -> {
            assertThat(item.path("isDeltaCharge").asBoolean(true)).isFalse();
            assertThat(item.at("/categoryIdV2/provider").asText()).isEqualTo(JobsFixture.PROVIDER);
        });
    }

    @Test
    void secondsBecomeTheUnitOfTheAccountingFrequencyRoundedDown() throws Exception {
        fixture.ended("1", ALICE, "", "cpu", 7199, 0);
        fixture.ended("2", ALICE, "", "cpuh", 7199, 0);
        fixture.ended("3", ALICE, "", "cpud", 3 * 86_400, 0);

        assertThat(reportOnce()).containsExactlyInAnyOrder(
                "user alice#1234 cpu 119", "user alice#1234 cpuh 1", "user alice#1234 cpud 3");
    }

    @Test
    void aCategoryWhoseProductsAllHaveGpusCountsGpuSecondsAndAMixedOneCpuSeconds() throws Exception {
        fixture.ended("1", ALICE, "", "gpu", 36_000, 1_200);
        fixture.ended("2", ALICE, "", "mixed", 36_000, 1_200);

        assertThat(reportOnce()).containsExactlyInAnyOrder(
                "user alice#1234 gpu 20", "user alice#1234 mixed 600");
    }

    @Test
    void runningUsageKnownFromTheDatabaseCountsAfterARestart() throws Exception {
        fixture.store.track(TrackedJob.submitted("1", "slurm-1", ALICE, "alice", "", "cpu", 0));
        fixture.store.delivered("1", "RUNNING", false, 600, 0);

        assertThat(reportOnce()).containsExactly("user alice#1234 cpu 10");
    }

    @Test
    void usageOfACategoryNoLongerConfiguredIsNotReported() throws Exception {
        fixture.ended("1", ALICE, "", "retired", 600, 0);
        fixture.ended("2", ALICE, "", "cpu", 600, 0);

        assertThat(reportOnce()).containsExactly("user alice#1234 cpu 10");
    }

    @Test
    void withoutAnyJobNothingIsSent() throws Exception {
        assertThat(reportOnce()).isEmpty();
        assertThat(fixture.core.requests()).noneMatch(r -> r.path().equals("/api/accounting/v2/reportUsage"));
    }

    @Test
    void aWalletUcloudSaysIsEmptyMayNotBeUsedUntilALaterReportSaysItMay() throws Exception {
        fixture.ended("1", ALICE, "", "cpu", 600, 0);
        fixture.ended("2", BOB, "p1", "cpu", 600, 0);
        fixture.ended("3", BOB, "", "cpu", 600, 0);
        Wallet alice = new Wallet(ALICE, "", "cpu");
        Wallet project = new Wallet("", "p1", "cpu");
        Wallet bob = new Wallet(BOB, "", "cpu");
        fixture.core.lockWallet(ALICE, "cpu");
        fixture.core.lockWallet("p1", "cpu");

        try (UsageReporter usage = reporter(fixture.newTracker())) {
            assertThat(usage.mayUse(alice)).as("yes until UCloud said no").isTrue();
            usage.report();

            assertThat(usage.mayUse(alice)).isFalse();
            assertThat(usage.mayUse(project)).isFalse();
            assertThat(usage.mayUse(bob)).isTrue();
            assertThat(usage.mayUse(new Wallet(ALICE, "", "gpu"))).as("another category").isTrue();

            fixture.core.unlockWallet(ALICE, "cpu");
            usage.report();

            assertThat(usage.mayUse(alice)).isTrue();
            assertThat(usage.mayUse(project)).isFalse();
        }
    }

    @Test
    void aFailedReportThrowsAndLeavesWhatUcloudLastSaid() throws Exception {
        fixture.ended("1", ALICE, "", "cpu", 600, 0);
        fixture.core.lockWallet(ALICE, "cpu");
        try (UsageReporter usage = reporter(fixture.newTracker())) {
            usage.report();
            fixture.core.unlockWallet(ALICE, "cpu");
            fixture.core.setOutage(true);

            assertThatThrownBy(usage::report).isInstanceOf(CoreFailure.class);

            assertThat(usage.mayUse(new Wallet(ALICE, "", "cpu"))).isFalse();
        }
    }

    /** One report by a reporter on the database as it is now; what UCloud accepted, as {@link #summary}s. */
    private List<String> reportOnce() throws CoreFailure {
        try (UsageReporter usage = reporter(fixture.newTracker())) {
            usage.report();
        }
        return fixture.core.usageReports().stream().map(UsageReporterTest::summary).toList();
    }

    /** One report item as {@code <owner type> <owner> <category> <usage>}. */
    private static String summary(JsonNode item) {
        JsonNode owner = item.path("owner");
        String type = owner.path("type").asText();
        String who = type.equals("user") ? owner.path("username").asText() : owner.path("projectId").asText();
        return type + " " + who + " " + item.at("/categoryIdV2/name").asText() + " " + item.path("usage").asLong();
    }
}

package dk.sdu.im.server.ucloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dk.sdu.im.config.AccountingFrequency;
import dk.sdu.im.config.AccountingUnit;
import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.config.Placement;
import dk.sdu.im.config.Product;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.server.identity.LocalAccount;
import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;
import dk.sdu.im.testkit.core.RecordedRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mapped user's drives registered at FakeCore (contract 4.2): one per locator, their UCloud ids learned from the
 * reply, or, for a drive UCloud has already (409), by browsing for its providerGeneratedId.
 */
class DriveRegistrationTest {
    static final String REGISTER = "/api/files/collections/control/register";
    static final String BROWSE = "/api/files/collections/control/browse";
    static final UserMapping ALICE = new UserMapping("alice#1234", "alice", 1100, Instant.EPOCH, Optional.empty());
    static final LocalAccount ALICE_ACCOUNT = new LocalAccount("alice", 1100, 1100, Path.of("/home/alice"));
    static final List<ProductCategory> PRODUCTS = List.of(new ProductCategory("storage", ProductType.STORAGE,
            new AccountingUnit("GB", "GB", false, false), AccountingFrequency.PERIODIC_DAY, false,
            List.of(new Product("home", "", 0, 0, 0, 0), new Product("scratch", "", 0, 0, 0, 0)), Placement.DEFAULTS));
    static final List<DriveLocator> LOCATORS = List.of(new DriveLocator("home", "home", "Home", "{home}"),
            new DriveLocator("scratch", "scratch", "Scratch", "/scratch/{localUsername}"));

    FakeCore core;
    Provider provider;

    @BeforeEach
    void start() {
        core = FakeCore.start();
        provider = core.registerProvider("slurm");
    }

    @AfterEach
    void stop() {
        core.close();
    }

    DriveRegistration registration() {
        return new DriveRegistration(FakeCoreClients.connect(core, provider), "slurm", LOCATORS, PRODUCTS);
    }

    @Test
    void everyLocatorBecomesADriveOfTheUserAndItsIdIsLearned() throws Exception {
        DriveRegistration drives = registration();

        drives.ensure(ALICE, ALICE_ACCOUNT);

        assertThat(core.drives("slurm")).extracting(d -> d.path("providerGeneratedId").asText(),
                        d -> d.at("/owner/createdBy").asText(), d -> d.at("/specification/title").asText(),
                        d -> d.at("/specification/product/id").asText(), d -> d.at("/specification/product/category").asText())
                .containsExactly(
                        tuple("home alice#1234\n/home/alice", "alice#1234", "Home", "home", "storage"),
                        tuple("scratch alice#1234\n/scratch/alice", "alice#1234", "Scratch", "scratch", "storage"));
        assertThat(drives.driveIds("alice#1234")).isEqualTo(idsAtCore());
        assertThat(drives.driveIds("bob#5678")).as("never registered").isEmpty();
    }

    @Test
    void aUserIsRegisteredOncePerRun() throws Exception {
        DriveRegistration drives = registration();
        drives.ensure(ALICE, ALICE_ACCOUNT);
        core.clearRequests();

        drives.ensure(ALICE, ALICE_ACCOUNT);

        assertThat(core.requests()).isEmpty();
        assertThat(core.drives("slurm")).hasSize(2);
    }

    @Test
    void aNewRunFindsTheDrivesUcloudAlreadyHasByTheirProviderGeneratedIds() throws Exception {
        DriveRegistration first = registration();
        first.ensure(ALICE, ALICE_ACCOUNT);
        core.clearRequests();

        DriveRegistration second = registration();
        second.ensure(ALICE, ALICE_ACCOUNT);

        assertThat(second.driveIds("alice#1234")).isEqualTo(first.driveIds("alice#1234")).hasSize(2);
        assertThat(core.drives("slurm")).as("nothing registered twice").hasSize(2);
        List<RecordedRequest> requests = core.requests().stream().filter(r -> !r.path().startsWith("/auth/")).toList();
        assertThat(requests).extracting(RecordedRequest::path, RecordedRequest::status).containsExactly(
                tuple(REGISTER, 409), tuple(BROWSE, 200),
                tuple(REGISTER, 409), tuple(BROWSE, 200));
        assertThat(requests.get(1).query()).containsEntry("filterProviderIds", "home alice#1234\n/home/alice");
        assertThat(requests.get(3).query()).containsEntry("filterProviderIds", "scratch alice#1234\n/scratch/alice");
    }

    @Test
    void aDriveUcloudSaysItHasButDoesNotListHasNoId() throws Exception {
        core.failNext(REGISTER, 409, 1);
        DriveRegistration drives = registration();

        drives.ensure(ALICE, ALICE_ACCOUNT);

        assertThat(drives.driveIds("alice#1234")).containsOnlyKeys("scratch");
    }

    @Test
    void anyOtherFailureIsThrownAndTheNextAttemptRegistersAgain() throws Exception {
        core.failNext(REGISTER, 500, 1);
        DriveRegistration drives = registration();

        assertThatThrownBy(() -> drives.ensure(ALICE, ALICE_ACCOUNT)).isInstanceOf(CoreFailure.class)
                .satisfies(failure -> assertThat(((CoreFailure) failure).status()).isEqualTo(500));
        assertThat(drives.driveIds("alice#1234")).isEmpty();

        drives.ensure(ALICE, ALICE_ACCOUNT);

        assertThat(drives.driveIds("alice#1234")).isEqualTo(idsAtCore());
    }

    /** UCloud's id of each of Alice's drives, by locator name (the first word of its providerGeneratedId). */
    private Map<String, String> idsAtCore() {
        Map<String, String> ids = new HashMap<>();
        core.drives("slurm").forEach(d -> ids.put(d.path("providerGeneratedId").asText().split(" ")[0], d.path("id").asText()));
        return ids;
    }
}

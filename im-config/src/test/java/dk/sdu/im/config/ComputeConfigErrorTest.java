package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.assertAt;
import static dk.sdu.im.config.ConfigFixture.loadError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mistake in section {@code compute} or in a category's placement keys gives one error at its line and
 * column, with a fix. The {@code compute} section starts at line 6, right after the required head.
 */
class ComputeConfigErrorTest {
    private static final String PRODUCTS = ComputeConfigTest.PRODUCTS;

    @TempDir
    Path dir;

    @Test
    void anUnknownBackendListsTheBackends() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  backend: pbs
                """ + PRODUCTS);

        assertAt(error, 7, 12);
        assertThat(error.problem())
                .isEqualTo("compute.backend must be one of none, slurm, local, but is 'pbs'. Use one of the allowed values.");
    }

    @Test
    void aDriveThatIsNotAnEntryOfDrivesNamesTheEntries() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  backend: slurm
                  drive: scratch
                """ + PRODUCTS);

        assertAt(error, 8, 10);
        assertThat(error.problem()).isEqualTo("compute.drive 'scratch' is not an entry of 'drives'. Use one of: home");
    }

    @Test
    void aBackendWithoutAnyDriveAsksForAStorageCategory() {
        ConfigException error = loadError(dir, ConfigFixture.MINIMAL + """
                compute:
                  backend: slurm
                """);

        assertAt(error, 14, 3);
        assertThat(error.problem()).isEqualTo("compute needs a drive for job folders, but no storage product or drive"
                + " is configured. Add a storage category to 'products' (a home drive is then made for it).");
    }

    @Test
    void anAbsoluteJobFolderIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  jobFolder: /scratch/{jobId}
                """ + PRODUCTS);

        assertAt(error, 7, 14);
        assertThat(error.problem()).isEqualTo("compute.jobFolder must be a relative path of plain names separated by"
                + " '/', e.g. Jobs/{application}/{jobId} (no empty, '.' or '..' parts, no control characters).");
    }

    @Test
    void aJobFolderThatClimbsOutIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  jobFolder: Jobs/../../{jobId}
                """ + PRODUCTS);

        assertAt(error, 7, 14);
        assertThat(error.problem()).startsWith("compute.jobFolder must be a relative path of plain names")
                .contains("no empty, '.' or '..' parts");
    }

    @Test
    void aJobFolderWithAnEmptyPartIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  jobFolder: Jobs//{jobId}
                """ + PRODUCTS);

        assertAt(error, 7, 14);
        assertThat(error.problem()).startsWith("compute.jobFolder must be a relative path of plain names");
    }

    @Test
    void aJobFolderWithoutTheJobIdIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  jobFolder: Jobs/{application}
                """ + PRODUCTS);

        assertAt(error, 7, 14);
        assertThat(error.problem()).isEqualTo("compute.jobFolder must contain {jobId}, so that every job has a folder"
                + " of its own, e.g. Jobs/{application}/{jobId}.");
    }

    @Test
    void theFixedPolicyWithoutAnAccountPointsAtTheSection() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  backend: slurm
                  accountPolicy: fixed
                """ + PRODUCTS);

        assertAt(error, 7, 3);
        assertThat(error.problem()).isEqualTo("compute.account is required but missing. Add 'account:' under 'compute'.");
    }

    @Test
    void theProjectPolicyWithoutAPatternPointsAtTheSection() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  accountPolicy: project
                """ + PRODUCTS);

        assertAt(error, 7, 3);
        assertThat(error.problem()).startsWith("compute.accountPattern is required but missing.");
    }

    @Test
    void aProjectPatternWithoutTheProjectIdIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  accountPolicy: project
                  accountPattern: ucloud_all
                """ + PRODUCTS);

        assertAt(error, 8, 19);
        assertThat(error.problem()).isEqualTo("compute.accountPattern must contain {projectId}, e.g. ucloud_{projectId}.");
    }

    @Test
    void anAccountWithCharactersSlurmDoesNotAllowIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  accountPolicy: fixed
                  account: "hpc account"
                """ + PRODUCTS);

        assertAt(error, 8, 12);
        assertThat(error.problem()).isEqualTo("compute.account must be a Slurm account name of 1 to 64 letters, digits,"
                + " '_', '.' or '-', but is 'hpc account'. Use the account as sacctmgr shows it.");
    }

    @Test
    void aProjectPatternWithCharactersSlurmDoesNotAllowIsRefused() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  accountPolicy: project
                  accountPattern: ucloud/{projectId}
                """ + PRODUCTS);

        assertAt(error, 8, 19);
        assertThat(error.problem()).startsWith("compute.accountPattern must be a Slurm account name")
                .contains("but is 'ucloud/{projectId}'");
    }

    @Test
    void anUnknownAccountPolicyListsThePoliciesInTheirDocumentedOrder() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  accountPolicy: group
                """ + PRODUCTS);

        assertAt(error, 7, 18);
        assertThat(error.problem()).isEqualTo(
                "compute.accountPolicy must be one of none, fixed, project, but is 'group'. Use one of the allowed values.");
    }

    @Test
    void aPollIntervalOutOfRangeStatesTheRange() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  pollSeconds: 0
                """ + PRODUCTS);

        assertAt(error, 7, 16);
        assertThat(error.problem()).startsWith("compute.pollSeconds must be between 1 and 3600, but is 0.");
    }

    @Test
    void anApplicationKeyThatIsNotNameAtVersionIsRefusedAtTheKey() {
        ConfigException error = loadError(dir, HEAD + """
                compute:
                  applications:
                    "gromacs@2024": module load gromacs/2024
                    gromacs: module load gromacs
                """ + PRODUCTS);

        assertAt(error, 9, 5);
        assertThat(error.problem()).isEqualTo("compute.applications.gromacs must be name@version, as the tool's load"
                + " instructions name the application, e.g. gromacs@2024.");
    }

    @Test
    void placementKeysOnAStorageCategoryAreRefusedAtTheKey() {
        ConfigException error = loadError(dir, HEAD + PRODUCTS + "    qos: normal\n");

        assertAt(error, 19, 5);
        assertThat(error.problem()).isEqualTo("products.home.qos applies only to compute categories, but this one has"
                + " type storage. Remove 'qos'.");
    }

    @Test
    void aPartitionNameSlurmCannotHaveIsRefused() {
        ConfigException error = loadError(dir, ConfigFixture.MINIMAL + "    partition: \"batch nodes\"\n");

        assertAt(error, 13, 16);
        assertThat(error.problem()).isEqualTo("products.cpu.partition must be a partition name of 1 to 64 letters,"
                + " digits, '_', '.', ':' or '-', but is 'batch nodes'. Use the name as Slurm spells it (sinfo and"
                + " sacctmgr show them).");
    }

    @Test
    void aConstraintWithAShellCharacterIsRefused() {
        ConfigException error = loadError(dir, ConfigFixture.MINIMAL + "    constraint: \"avx512;reboot\"\n");

        assertAt(error, 13, 17);
        assertThat(error.problem()).startsWith("products.cpu.constraint must be a Slurm constraint of letters, digits")
                .contains("but is 'avx512;reboot'").endsWith("Write it as for sbatch --constraint, e.g. 'avx512&ib'.");
    }
}

package dk.sdu.im.config;

import static dk.sdu.im.config.ConfigFixture.HEAD;
import static dk.sdu.im.config.ConfigFixture.MINIMAL;
import static dk.sdu.im.config.ConfigFixture.load;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.config.ComputeConfig.AccountPolicy;
import dk.sdu.im.config.ComputeConfig.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Section {@code compute} and the Slurm placement keys of compute categories, as a valid file gives them. */
class ComputeConfigTest {
    /** A storage category, for appending to {@link ConfigFixture#PRODUCTS}: lines 13 to 18 after the head. */
    static final String HOME = """
              home:
                type: storage
                accountingUnit: {name: GB}
                accountingFrequency: PERIODIC_DAY
                products:
                  - name: home
            """;

    /** The compute category 'cpu' (lines 6 to 12) and the storage category 'home', so a home drive exists. */
    static final String PRODUCTS = ConfigFixture.PRODUCTS + HOME;

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionNoBackendRunsAndEveryDefaultIsFilledIn() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS).compute();

        assertThat(compute).isEqualTo(new ComputeConfig(Backend.NONE, "home", "Jobs/{application}/{jobId}",
                Duration.ofSeconds(5), Duration.ofSeconds(30), new AccountPolicy.SlurmDefault(), Optional.empty(),
                Path.of("/usr/bin"), Map.of()));
        assertThat(compute.enabled()).isFalse();
    }

    @Test
    void withoutTheSectionAndWithoutAnyDriveThereIsNoJobDrive() throws ConfigException {
        ComputeConfig compute = load(dir, MINIMAL).compute();

        assertThat(compute.backend()).isEqualTo(Backend.NONE);
        assertThat(compute.drive()).isEmpty();
    }

    @Test
    void readsEveryKey() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS + """
                drives:
                  home:
                    product: home
                  work:
                    product: home
                    path: /work/{localUsername}
                compute:
                  backend: slurm
                  drive: work
                  jobFolder: UCloud/{application}-{jobId}
                  pollSeconds: 10
                  usageSeconds: 60
                  accountPolicy: fixed
                  account: hpc_acct.1
                  slurmConf: /etc/slurm-llnl/slurm.conf
                  slurmBin: /opt/slurm/bin
                  applications:
                    "gromacs@2024": module load gromacs/2024
                """).compute();

        assertThat(compute).isEqualTo(new ComputeConfig(Backend.SLURM, "work", "UCloud/{application}-{jobId}",
                Duration.ofSeconds(10), Duration.ofSeconds(60), new AccountPolicy.Fixed("hpc_acct.1"),
                Optional.of(Path.of("/etc/slurm-llnl/slurm.conf")), Path.of("/opt/slurm/bin"),
                Map.of("gromacs@2024", List.of("module load gromacs/2024"))));
        assertThat(compute.enabled()).isTrue();
    }

    @Test
    void theFirstDriveIsTheJobDriveUnlessOneIsNamed() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS + """
                drives:
                  scratch:
                    product: home
                    path: /scratch/{localUsername}
                  home:
                    product: home
                compute:
                  backend: local
                """).compute();

        assertThat(compute.backend()).isEqualTo(Backend.LOCAL);
        assertThat(compute.drive()).isEqualTo("scratch");
    }

    @Test
    void theProjectPolicyKeepsItsPattern() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS + """
                compute:
                  backend: slurm
                  accountPolicy: project
                  accountPattern: ucloud_{projectId}
                """).compute();

        assertThat(compute.accounts()).isEqualTo(new AccountPolicy.PerProject("ucloud_{projectId}"));
    }

    @Test
    void theBackendAndThePolicyAreMatchedIgnoringCase() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS + """
                compute:
                  backend: Slurm
                  accountPolicy: NONE
                """).compute();

        assertThat(compute.backend()).isEqualTo(Backend.SLURM);
        assertThat(compute.accounts()).isEqualTo(new AccountPolicy.SlurmDefault());
    }

    @Test
    void aMultiLineApplicationValueBecomesItsLinesInOrder() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS + """
                compute:
                  applications:
                    "gromacs@2024": |
                      module purge
                      module load gcc/13
                      module load gromacs/2024
                    "python@3.12": source /opt/python/3.12/activate
                """).compute();

        assertThat(compute.applications()).containsOnly(
                Map.entry("gromacs@2024", List.of("module purge", "module load gcc/13", "module load gromacs/2024")),
                Map.entry("python@3.12", List.of("source /opt/python/3.12/activate")));
    }

    @Test
    void theJobFolderOfAJobReplacesTheApplicationAndTheJobId() throws ConfigException {
        ComputeConfig compute = load(dir, HEAD + PRODUCTS).compute();

        assertThat(compute.jobFolderOf("gromacs", "4213")).isEqualTo("Jobs/gromacs/4213");
    }

    @Test
    void aComputeCategoryWithoutPlacementKeysUsesSlurmsDefaults() throws ConfigException {
        ProductCategory cpu = load(dir, HEAD + PRODUCTS).products().getFirst();

        assertThat(cpu.placement()).isEqualTo(Placement.DEFAULTS);
        assertThat(Placement.DEFAULTS.gpuGres()).isEqualTo("gpu");
    }

    @Test
    void readsEveryPlacementKeyOfAComputeCategory() throws ConfigException {
        ProductCategory cpu = load(dir, MINIMAL + """
                    partition: gpu_a100
                    qos: normal.long
                    constraint: "avx512&ib|[rack1*2]"
                    gpuGres: "gpu:a100"
                """).products().getFirst();

        assertThat(cpu.placement()).isEqualTo(new Placement(Optional.of("gpu_a100"), Optional.of("normal.long"),
                Optional.of("avx512&ib|[rack1*2]"), "gpu:a100"));
    }

    @Test
    void aStorageCategoryHasTheDefaultPlacement() throws ConfigException {
        ProductCategory home = load(dir, HEAD + PRODUCTS).products().get(1);

        assertThat(home.placement()).isEqualTo(Placement.DEFAULTS);
    }
}

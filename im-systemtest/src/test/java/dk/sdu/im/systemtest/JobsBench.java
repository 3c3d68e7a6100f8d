package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Figures.bench;
import static dk.sdu.im.systemtest.Figures.median;

import dk.sdu.im.testkit.client.ProviderClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./bench jobs}: what jobs cost on the single-node test cluster, each next to a baseline from the same run.
 * Submissions through the gateway and IM/User against the same user's direct {@code sbatch --parsable}; IM/Server's
 * own CPU for one poll of 1,000 tracked jobs (the sacct process's CPU is not IM/Server's, and is shown as the
 * baseline); the time from a job's end to its final state reaching the testkit, against the poll interval. Needs root.
 */
public final class JobsBench {
    private static final String ALICE_UCLOUD = "alice#1234";
    private static final int SUBMISSIONS = 200;
    private static final int TRACKED = 1000;
    private static final int POLLS = 20;
    private static final int LATENCY_JOBS = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Path ALICE_JOBS = Path.of("/home", Installation.ALICE, "Jobs");
    private final List<String> table = new ArrayList<>();
    private SlurmCluster cluster;
    private Installation site;
    private SiteJobs jobs;

    public static void main(String[] args) throws Exception {
        if (!Host.root()) {
            System.out.println("bench jobs: skipped: needs root (Slurm daemons, accounts, sudo rule)");
            return;
        }
        new JobsBench().measure(Path.of(args.length > 0 ? args[0] : "im-dist/target/ucloud-im"));
    }

    private void measure(Path dist) throws Exception {
        Installation.accounts();
        cluster = SlurmCluster.start(SlurmCluster.DIR);
        Host.run("rm", "-rf", ALICE_JOBS.toString());
        site = Installation.install(dist.toAbsolutePath(), 600, List.of(), """
                  cpu:
                    type: compute
                    accountingUnit: {name: Core}
                    accountingFrequency: PERIODIC_MINUTE
                    partition: debug
                    products:
                      - {name: cpu-1, cpu: 1, memoryInGigs: 0}
                compute:
                  backend: slurm
                  slurmConf: %s/slurm.conf
                  pollSeconds: 1
                """.formatted(SlurmCluster.DIR));
        try (var client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens(), Duration.ofSeconds(20))) {
            jobs = new SiteJobs(site, client, "cpu");
            Host.eventually(PATIENCE, () -> !site.core.products(Installation.PROVIDER).isEmpty());
            submissionRate();
            stateLatency();
            pollCpu();
        } finally {
            cancelAll();
            site.close();
            cluster.close();
            Host.run("rm", "-rf", ALICE_JOBS.toString());
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private void submissionRate() throws Exception {
        for (int i = 0; i < 5; i++) {
            jobs.submitted(ALICE_UCLOUD, jobs.job(ALICE_UCLOUD, "true", 10, "cpu-1"));
        }
        long start = System.nanoTime();
        for (int i = 0; i < SUBMISSIONS; i++) {
            jobs.submitted(ALICE_UCLOUD, jobs.job(ALICE_UCLOUD, "true", 10, "cpu-1"));
        }
        double module = SUBMISSIONS / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        for (int i = 0; i < SUBMISSIONS; i++) {
            Host.must(cluster.as(Installation.ALICE, "sbatch", "--parsable", "--output=/dev/null", "--wrap=true"));
        }
        double direct = SUBMISSIONS / ((System.nanoTime() - start) / 1e9);
        bench("job_submissions", module, "jobs/s", direct, ">= 0.8 of direct sbatch", module >= 0.8 * direct);
        table.add(String.format(Locale.ROOT, "submissions, %d in a row: through the gateway and IM/User %.1f jobs/s "
                + "(%.1f ms each, folder, script, sbatch and IM/Server's tracking); direct sbatch as the user %.1f jobs/s",
                SUBMISSIONS, module, 1000 / module, direct));
        cancelAll();
    }

    /** Each job's script writes the time it ends; the testkit's clock says when the final state arrived. */
    private void stateLatency() throws Exception {
        double[] latency = new double[LATENCY_JOBS];
        for (int i = 0; i < LATENCY_JOBS; i++) {
            String id = jobs.submitted(ALICE_UCLOUD, jobs.job(ALICE_UCLOUD, "sleep 1; date +%s%3N > ended.txt", 10, "cpu-1"));
            if (!Host.eventually(PATIENCE, () -> jobs.isFinal(id))) {
                throw new IllegalStateException("job " + id + " did not end: " + jobs.updates(id) + "\n" + site.log());
            }
            long ended = Long.parseLong(Files.readString(ALICE_JOBS.resolve("shell").resolve(id).resolve("ended.txt")).strip());
            latency[i] = jobs.arrivalOf(id, "SUCCESS") - ended;
        }
        double median = median(latency);
        double worst = java.util.Arrays.stream(latency).max().orElseThrow();
        bench("job_state_latency_median", median, "ms", 1000, "<= poll interval + 500 ms", median <= 1500);
        bench("job_state_latency_max", worst, "ms", 1000, "<= poll interval + 500 ms", worst <= 1500);
        table.add(String.format(Locale.ROOT, "job end to final state at the testkit, poll every 1 s: median %.0f ms, "
                + "worst %.0f ms over %d jobs (includes Slurm's own completion)", median, worst, LATENCY_JOBS));
    }

    private void pollCpu() throws Exception {
        long server = site.server.pid();
        double idle = cpuMillisOver(server, POLLS);
        for (int i = 0; i < TRACKED; i++) {
            jobs.submitted(ALICE_UCLOUD, jobs.job(ALICE_UCLOUD, "sleep 3600", 600, "cpu-1"));
        }
        double busy = cpuMillisOver(server, POLLS);
        double perPoll = Math.max(0, busy - idle) / POLLS;
        double sacct = sacctCpuMillis();
        bench("job_poll_cpu_1000", perPoll, "ms", sacct, "< 50 ms beyond sacct", perPoll < 50);
        table.add(String.format(Locale.ROOT, "one poll of %d tracked jobs: IM/Server %.1f ms CPU (%.0f ms over %d polls,"
                + " %.0f ms when idle); the sacct process itself %.0f ms CPU", TRACKED, perPoll, busy, POLLS, idle, sacct));
    }

    /** IM/Server's own CPU (not its children's) over {@code polls} poll intervals of 1 s. */
    private static double cpuMillisOver(long pid, int polls) throws Exception {
        long before = CpuMeter.ticksOf(pid);
        Thread.sleep(polls * 1000L);
        return (CpuMeter.ticksOf(pid) - before) * CpuMeter.MILLIS_PER_TICK;
    }

    /** The CPU of the sacct a poll runs, for the jobs IM/Server tracks: user plus system time as bash's time says. */
    private double sacctCpuMillis() {
        String ids = Host.must(cluster.as(Installation.ALICE, "squeue", "-h", "-u", Installation.ALICE, "-o", "%i"))
                .lines().map(String::strip).reduce((a, b) -> a + "," + b).orElse("");
        String out = Host.must(Host.as(Installation.SERVICE, "bash", "-c", "TIMEFORMAT='%U %S'; time (SLURM_CONF="
                + cluster.slurmConf() + " sacct -a -X -n -P -j " + ids
                + " --format=JobIDRaw,User,State,ExitCode,ElapsedRaw,AllocTRES,Reason > /dev/null) 2>&1"));
        String[] times = out.strip().lines().reduce((a, b) -> b).orElse("0 0").split(" ");
        return (Double.parseDouble(times[0]) + Double.parseDouble(times[1])) * 1000;
    }

    private void cancelAll() {
        Host.run("bash", "-c", "SLURM_CONF=" + cluster.slurmConf() + " scancel --user=" + Installation.ALICE);
    }
}

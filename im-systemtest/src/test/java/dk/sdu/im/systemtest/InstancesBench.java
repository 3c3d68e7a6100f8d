package dk.sdu.im.systemtest;

import static dk.sdu.im.systemtest.Figures.bench;
import static dk.sdu.im.systemtest.Figures.median;
import static dk.sdu.im.systemtest.Figures.percentile;
import static dk.sdu.im.systemtest.Figures.timeMillis;
import static dk.sdu.im.systemtest.Host.as;
import static dk.sdu.im.systemtest.Host.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.IpcClient;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.testkit.client.ProviderClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./bench instances}: cold start, gateway overhead and idle memory of user instances, each next to a
 * baseline measured in the same run on this machine. Needs root (real accounts, sudo). Prints BENCH lines
 * (DESIGN 7) and a table; never fails on a figure.
 */
public final class InstancesBench {
    private static final int LAUNCHES = 20;
    private static final int WARM_REQUESTS = 2000;
    /** Requests on each path before the warm ones are timed. */
    private static final int WARM_UP_REQUESTS = 5000;
    private static final List<String> MEMORY_USERS = users(20);
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> table = new ArrayList<>();
    private Installation site;
    private ProviderClient client;

    public static void main(String[] args) throws Exception {
        if (!Host.root()) {
            System.out.println("bench instances: skipped: needs root (accounts, sudo rule, processes as other users)");
            return;
        }
        new InstancesBench().measure(Path.of(args.length > 0 ? args[0] : "im-dist/target/ucloud-im"));
    }

    private void measure(Path dist) throws Exception {
        site = Installation.install(dist.toAbsolutePath(), 600, MEMORY_USERS);
        client = new ProviderClient(site.gateway(), Installation.PROVIDER, site.provider.tokens());
        try {
            coldStart();
            gatewayOverhead();
            idleMemory();
        } finally {
            site.close();
        }
        System.out.println();
        table.forEach(System.out::println);
    }

    private void coldStart() throws Exception {
        double sudo = median(timeMillis(20, () -> run("sudo", "-n", "-u", Installation.ALICE, "/bin/true")));
        String java = ProcessHandle.current().info().command().orElseThrow();
        double jvm = median(timeMillis(20, () -> run(as(Installation.ALICE, java, "-XX:+UseSerialGC", "-Xshare:auto", "-version"))));
        double[] cold = new double[LAUNCHES];
        for (int i = 0; i < LAUNCHES; i++) {
            stopInstanceOf("alice#1234", Installation.ALICE);
            long start = System.nanoTime();
            int status = browse("alice#1234", Installation.ALICE);
            cold[i] = (System.nanoTime() - start) / 1e6;
            if (status != 200) {
                throw new IllegalStateException("cold start answered " + status + "\n" + site.log());
            }
        }
        double baseline = sudo + jvm;
        bench("cold_start_median", median(cold), "ms", baseline, "<= 200 ms", median(cold) <= 200);
        bench("cold_start_p95", percentile(cold, 95), "ms", baseline, "-", true);
        table.add(String.format(Locale.ROOT, "cold start: median %.1f ms, p95 %.1f ms over %d launches; sudo true %.1f ms + bare JVM %.1f ms",
                median(cold), percentile(cold, 95), LAUNCHES, sudo, jvm));
        table.add(phases(site.log()));
    }

    /**
     * The medians of the phases the processes report themselves over the last launches: IM/Server's work before the
     * launch (NSS and the mapping, the install check, the spawn of sudo), IM/User's start-up line
     * (from main to listening, to the IPC link, to the end of the warm-up, to registered) and IM/Server's launch-to-route-up; what the latter
     * adds to "registered" is sudo, the launcher script and the JVM's own start.
     */
    private static String phases(String log) {
        double[] listen = lastNumbers(log, "start-up: (\\d+) ms to listen");
        double[] ipc = lastNumbers(log, "IPC ready after (\\d+) ms");
        double[] warm = lastNumbers(log, "warm after (\\d+) ms");
        double[] registered = lastNumbers(log, "registered after (\\d+) ms");
        double[] routeUp = lastNumbers(log, "route up (\\d+) ms after launch");
        double[] account = lastNumbers(log, "account and mapping (\\d+) µs");
        double[] check = lastNumbers(log, "install check (\\d+) µs");
        double[] spawn = lastNumbers(log, "spawn (\\d+) µs");
        return String.format(Locale.ROOT, "cold start phases (medians): IM/Server before launch: account and mapping %.1f ms, "
                + "install check %.1f ms, spawn %.1f ms; from main: listening %.0f ms, "
                + "IPC ready %.0f ms, warmed up %.0f ms, registered %.0f ms; IM/Server launch to route up %.0f ms",
                median(account) / 1000, median(check) / 1000, median(spawn) / 1000,
                median(listen), median(ipc), median(warm), median(registered), median(routeUp));
    }

    private static double[] lastNumbers(String log, String regex) {
        var matcher = java.util.regex.Pattern.compile(regex).matcher(log);
        List<Double> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(Double.parseDouble(matcher.group(1)));
        }
        return values.subList(Math.max(0, values.size() - LAUNCHES), values.size()).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A warm browse through the gateway, through HAProxy in front of the same instance ({@link HaproxyRelay}) and
     * straight to the instance, interleaved; the target is the gateway adding at most 0.1 ms more than
     * HAProxy does.
     */
    private void gatewayOverhead() throws Exception {
        browse("alice#1234", Installation.ALICE);
        int port = instance("alice#1234").orElseThrow().port();
        var direct = new ProviderClient(URI.create("http://127.0.0.1:" + port), Installation.PROVIDER, site.provider.tokens());
        Optional<HaproxyRelay> haproxy = HaproxyRelay.start(port);
        var relayed = haproxy.map(relay -> new ProviderClient(URI.create("http://127.0.0.1:" + relay.port()), Installation.PROVIDER,
                site.provider.tokens()));
        try {
            ObjectNode body = browseBody("alice#1234", Installation.ALICE);
            var viaGateway = client.asUser("alice#1234");
            var straight = direct.asUser("alice#1234");
            var viaHaproxy = relayed.map(c -> c.asUser("alice#1234"));
            // Warm as a serving gateway is: after 200 requests the JVMs still interpret or run C1 code, and the gateway
            // then added twice what it adds once compiled (0.8 against 0.4 ms); HAProxy, being C, needs no warming.
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                viaGateway.post("files/browse", body);
                straight.post("files/browse", body);
                viaHaproxy.ifPresent(c -> c.post("files/browse", body));
            }
            double[] gw = new double[WARM_REQUESTS];
            double[] st = new double[WARM_REQUESTS];
            double[] hp = new double[WARM_REQUESTS];
            for (int i = 0; i < WARM_REQUESTS; i++) {
                long a = System.nanoTime();
                viaGateway.post("files/browse", body);
                long b = System.nanoTime();
                straight.post("files/browse", body);
                long c = System.nanoTime();
                viaHaproxy.ifPresent(h -> h.post("files/browse", body));
                long d = System.nanoTime();
                gw[i] = (b - a) / 1e6;
                st[i] = (c - b) / 1e6;
                hp[i] = (d - c) / 1e6;
            }
            double overhead = median(gw) - median(st);
            bench("gateway_overhead_median", overhead, "ms", median(st), "<= 0.5 ms", overhead <= 0.5);
            double gwRate = 1000.0 / Arrays.stream(gw).average().orElseThrow();
            double stRate = 1000.0 / Arrays.stream(st).average().orElseThrow();
            bench("gateway_throughput_sequential", gwRate, "req/s", stRate, "-", true);
            table.add(String.format(Locale.ROOT, "warm browse: gateway median %.3f ms, direct %.3f ms (overhead %.3f ms); %.0f vs %.0f req/s sequential",
                    median(gw), median(st), overhead, gwRate, stRate));
            if (haproxy.isPresent()) {
                double haproxyOverhead = median(hp) - median(st);
                bench("gateway_overhead_vs_haproxy", overhead, "ms", haproxyOverhead, "<= baseline + 0.1 ms",
                        overhead <= haproxyOverhead + 0.1);
                table.add(String.format(Locale.ROOT, "warm browse through haproxy 2.6 (splice options, as %s, in front of the same "
                        + "instance): median %.3f ms (overhead %.3f ms, p99 %.3f ms; the gateway's p99 %.3f ms)", Installation.SERVICE,
                        median(hp), haproxyOverhead, percentile(hp, 99), percentile(gw, 99)));
            } else {
                table.add("warm browse through haproxy: not measured (" + HaproxyRelay.BINARY + " is not installed)");
            }
        } finally {
            direct.close();
            relayed.ifPresent(ProviderClient::close);
            if (haproxy.isPresent()) {
                haproxy.get().close();
            }
        }
    }

    private void idleMemory() throws Exception {
        List<Integer> checkpoints = List.of(1, 10, 20);
        for (int n = 1; n <= MEMORY_USERS.size(); n++) {
            String user = MEMORY_USERS.get(n - 1);
            if (browse(user + "#1", user) != 200) {
                throw new IllegalStateException("instance for " + user + " did not serve\n" + site.log());
            }
            if (checkpoints.contains(n)) {
                Thread.sleep(1000);
                double[] pss = new double[n];
                double[] rss = new double[n];
                for (int i = 0; i < n; i++) {
                    long pid = Host.instancesOf(MEMORY_USERS.get(i)).getFirst();
                    pss[i] = kib(Path.of("/proc/" + pid + "/smaps_rollup"), "Pss:") / 1024.0;
                    rss[i] = kib(Path.of("/proc/" + pid + "/status"), "VmRSS:") / 1024.0;
                }
                double avgPss = Arrays.stream(pss).average().orElseThrow();
                bench("idle_pss_" + n + "_instances", avgPss, "MiB", Double.NaN, n == 20 ? "<= 40 MiB" : "-", n != 20 || avgPss <= 40);
                table.add(String.format(Locale.ROOT, "%2d instances: average PSS %.1f MiB, RSS %.1f MiB per idle instance", n, avgPss,
                        Arrays.stream(rss).average().orElseThrow()));
            }
        }
    }

    private int browse(String ucloudUser, String localUser) throws Exception {
        return client.asUser(ucloudUser).post("files/browse", browseBody(ucloudUser, localUser)).status();
    }

    private ObjectNode browseBody(String ucloudUser, String localUser) throws Exception {
        return (ObjectNode) json.readTree("""
                {"resolvedCollection":{"id":"7","providerGeneratedId":"home %s\\n/home/%s"},
                 "Browse":{"flags":{"path":"/7"},"itemsPerPage":50}}""".formatted(ucloudUser, localUser));
    }

    private Optional<ServerToAdmin.InstanceInfo> instance(String ucloudUser) throws Exception {
        try (var admin = IpcClient.connectAsAdmin(Installation.RUN.resolve("ucloud.sock"))) {
            if (admin.request(new AdminToServer.ListInstances("")) instanceof ServerToAdmin.Instances list) {
                return list.instances().stream().filter(i -> i.ucloudUsername().equals(ucloudUser)).findFirst();
            }
            return Optional.empty();
        }
    }

    /** Kills the user's instance and waits until IM/Server has noticed, so the next request is a cold start. */
    private void stopInstanceOf(String ucloudUser, String localUser) throws Exception {
        Host.instancesOf(localUser).forEach(pid -> run("kill", "-9", pid.toString()));
        for (int i = 0; i < 400 && (instance(ucloudUser).isPresent() || !Host.instancesOf(localUser).isEmpty()); i++) {
            Thread.sleep(25);
        }
    }

    private static long kib(Path file, String key) throws Exception {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static List<String> users(int n) {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            users.add(String.format(Locale.ROOT, "imtb%02d", i));
        }
        return users;
    }
}

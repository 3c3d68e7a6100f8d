package dk.sdu.im.server.admin;

import dk.sdu.im.config.DriveLocator;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.db.TrackedJobs;
import dk.sdu.im.db.UserMapping;
import dk.sdu.im.ipc.AdminHandler;
import dk.sdu.im.ipc.AdminPages;
import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.Peer;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.server.identity.LocalAccount;
import dk.sdu.im.server.identity.LocalAccounts;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.instances.InstanceSupervisor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Answers the admin CLI: one small method per request, over IM/Server's own state (the database's mappings and
 * jobs, the supervisor's instances, the gateway's routes, the configured drives). Every change is logged with the
 * administrator's uid. Permission checks are not here: the table let only administrators in ({@link AdminPeers}).
 *
 * <p>Threading: called on each admin connection's thread; everything it reads is thread-safe.
 */
public final class AdminDesk implements AdminHandler {
    private static final Logger LOG = Logger.getLogger(AdminDesk.class.getName());
    /** Users whose drives one page resolves at most (each is an NSS lookup). */
    private static final int DRIVE_USERS_PER_PAGE = 50;

    private final UserDirectory directory;
    private final InstanceSupervisor supervisor;
    private final RouteView routes;
    private final Drives drives;
    private final TrackedJobs jobs;

    public AdminDesk(UserDirectory directory, InstanceSupervisor supervisor, RouteView routes, Drives drives,
                     TrackedJobs jobs) {
        this.directory = directory;
        this.supervisor = supervisor;
        this.routes = routes;
        this.drives = drives;
        this.jobs = jobs;
    }

    /** The gateway's routes as the admin CLI shows them (the embedded gateway has every route, in HAProxy mode too). */
    public interface RouteView {
        Map<String, Integer> list();

        int openConnections(String ucloudUsername);

        long quietMillis(String ucloudUsername);
    }

    /**
     * The configured drives of a mapped user: each locator's root for the local account as NSS reports it now, and
     * UCloud's drive id when IM/Server registered the drive in this run.
     */
    public record Drives(List<DriveLocator> locators, LocalAccounts accounts, Function<String, Map<String, String>> ucloudIds) {
        List<ServerToAdmin.DriveInfo> of(UserMapping mapping) {
            Optional<LocalAccount> account = accounts.byName(mapping.localUsername());
            Map<String, String> ids = ucloudIds.apply(mapping.ucloudUsername());
            List<ServerToAdmin.DriveInfo> infos = new ArrayList<>();
            for (DriveLocator locator : locators) {
                String root = account.map(a -> locator.rootFor(a.name(), a.home()).toString()).orElse("");
                infos.add(new ServerToAdmin.DriveInfo(mapping.ucloudUsername(), locator.name(), locator.title(),
                        locator.product(), root, ids.getOrDefault(locator.name(), "")));
            }
            return infos;
        }
    }

    @Override
    public ServerToAdmin onMessage(Peer peer, AdminToServer message) {
        return switch (message) {
            case AdminToServer.Hello _ -> new ServerToAdmin.Refused("already greeted");
            case AdminToServer.ListInstances list -> instances(list.after());
            case AdminToServer.ListUsers list -> users(list.after());
            case AdminToServer.ShowUser show -> show(show.ucloudUsername());
            case AdminToServer.RemoveUser remove -> remove(peer, remove.ucloudUsername());
            case AdminToServer.StopInstance stop -> stop(peer, stop.ucloudUsername());
            case AdminToServer.ListRoutes list -> routes(list.after());
            case AdminToServer.ListDrives list -> drives(list.after());
            case AdminToServer.ListJobs list -> jobs(list.after());
        };
    }

    private ServerToAdmin instances(String after) {
        Page<ServerToAdmin.InstanceInfo> page = Page.of(supervisor.list(), ServerToAdmin.InstanceInfo::ucloudUsername, after);
        return new ServerToAdmin.Instances(page.entries(), page.more());
    }

    private ServerToAdmin users(String after) {
        Map<String, Long> lastRequests = lastRequests();
        List<ServerToAdmin.UserInfo> all = directory.recorded().stream().map(m -> user(m, lastRequests)).toList();
        Page<ServerToAdmin.UserInfo> page = Page.of(all, ServerToAdmin.UserInfo::ucloudUsername, after);
        return new ServerToAdmin.Users(page.entries(), page.more());
    }

    private ServerToAdmin show(String ucloudUsername) {
        Optional<UserMapping> mapping = directory.recorded(ucloudUsername);
        if (mapping.isEmpty()) {
            return new ServerToAdmin.NotFound(unmapped(ucloudUsername));
        }
        List<ServerToAdmin.InstanceInfo> instance = supervisor.list().stream()
                .filter(i -> i.ucloudUsername().equals(ucloudUsername)).toList();
        return new ServerToAdmin.User(user(mapping.get(), lastRequests()), instance, drives.of(mapping.get()));
    }

    private ServerToAdmin remove(Peer peer, String ucloudUsername) {
        Optional<UserMapping> mapping = directory.recorded(ucloudUsername);
        if (mapping.isEmpty() || !directory.unlink(ucloudUsername)) {
            return new ServerToAdmin.NotFound(unmapped(ucloudUsername));
        }
        boolean stopped = supervisor.stop(ucloudUsername);
        String done = "removed the mapping of " + ucloudUsername + " to " + mapping.get().localUsername() + " (uid "
                + mapping.get().uid() + ")" + (stopped ? " and stopped their instance" : "")
                + (directory.configures(ucloudUsername)
                ? "; config.yml still lists it, so it is recorded again at the user's next request" : "");
        LOG.info(() -> "admin uid " + peer.uid() + " (pid " + peer.pid() + "): " + done);
        return new ServerToAdmin.Done(done);
    }

    private ServerToAdmin stop(Peer peer, String ucloudUsername) {
        if (!supervisor.stop(ucloudUsername)) {
            return new ServerToAdmin.NotFound("no instance of " + ucloudUsername + " runs");
        }
        String done = "took the route of " + ucloudUsername + " down and asked their instance to stop";
        LOG.info(() -> "admin uid " + peer.uid() + " (pid " + peer.pid() + "): " + done);
        return new ServerToAdmin.Done(done);
    }

    private ServerToAdmin routes(String after) {
        List<ServerToAdmin.RouteInfo> all = routes.list().entrySet().stream().map(e -> {
            long quiet = routes.quietMillis(e.getKey());
            return new ServerToAdmin.RouteInfo(e.getKey(), e.getValue(), routes.openConnections(e.getKey()),
                    quiet == Long.MAX_VALUE ? -1 : quiet);
        }).sorted(Comparator.comparing(ServerToAdmin.RouteInfo::ucloudUsername)).toList();
        Page<ServerToAdmin.RouteInfo> page = Page.of(all, ServerToAdmin.RouteInfo::ucloudUsername, after);
        return new ServerToAdmin.Routes(page.entries(), page.more());
    }

    /** A page ends after a whole user: the next one starts after that user's name. */
    private ServerToAdmin drives(String after) {
        if (drives.locators().isEmpty()) {
            return new ServerToAdmin.Drives(List.of(), false);
        }
        List<UserMapping> users = directory.recorded().stream().filter(m -> m.ucloudUsername().compareTo(after) > 0).toList();
        List<UserMapping> taken = users.subList(0, Math.min(users.size(), DRIVE_USERS_PER_PAGE));
        List<ServerToAdmin.DriveInfo> entries = new ArrayList<>();
        List<Integer> userEnds = new ArrayList<>();
        for (UserMapping user : taken) {
            entries.addAll(drives.of(user));
            userEnds.add(entries.size());
        }
        int fitting = AdminPages.fitting(entries).size();
        int whole = 0;
        while (whole < userEnds.size() && userEnds.get(whole) <= fitting) {
            whole++;
        }
        int end = whole == 0 ? 0 : userEnds.get(whole - 1);
        return new ServerToAdmin.Drives(entries.subList(0, end), whole < users.size());
    }

    private ServerToAdmin jobs(String after) {
        List<ServerToAdmin.JobInfo> all = jobs.active().stream().map(AdminDesk::job)
                .sorted(Comparator.comparing(ServerToAdmin.JobInfo::ucloudId)).toList();
        Page<ServerToAdmin.JobInfo> page = Page.of(all, ServerToAdmin.JobInfo::ucloudId, after);
        return new ServerToAdmin.Jobs(page.entries(), page.more());
    }

    private static ServerToAdmin.JobInfo job(TrackedJob job) {
        return new ServerToAdmin.JobInfo(job.ucloudId(), job.providerId(), job.ucloudUser(), job.localUser(), job.category(),
                job.lastState().orElse(""), job.submittedAtMillis());
    }

    private ServerToAdmin.UserInfo user(UserMapping mapping, Map<String, Long> lastRequests) {
        return new ServerToAdmin.UserInfo(mapping.ucloudUsername(), mapping.localUsername(), mapping.uid(),
                mapping.createdAt().toEpochMilli(), mapping.expiresAt().map(java.time.Instant::toEpochMilli).orElse(0L),
                directory.configures(mapping.ucloudUsername()), lastRequests.getOrDefault(mapping.ucloudUsername(), 0L));
    }

    private Map<String, Long> lastRequests() {
        Map<String, Long> last = new java.util.HashMap<>();
        supervisor.list().forEach(i -> last.put(i.ucloudUsername(), i.lastRequestEpochMillis()));
        return last;
    }

    private String unmapped(String ucloudUsername) {
        return "no recorded mapping of " + ucloudUsername + (directory.configures(ucloudUsername)
                ? " (config.yml lists one; it is recorded at the user's first request)" : "");
    }

    /** The entries after {@code after} in key order that fit one reply, and whether more are left. */
    private record Page<T extends Record>(List<T> entries, boolean more) {
        static <T extends Record> Page<T> of(List<T> sorted, Function<T, String> key, String after) {
            List<T> rest = sorted.stream().filter(e -> key.apply(e).compareTo(after) > 0).toList();
            List<T> fitting = AdminPages.fitting(rest);
            return new Page<>(fitting, fitting.size() < rest.size());
        }
    }
}

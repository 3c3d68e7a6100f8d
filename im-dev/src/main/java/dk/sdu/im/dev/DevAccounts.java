package dk.sdu.im.dev;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The accounts development mode runs under: created when started as root, the invoking user otherwise. */
record DevAccounts(String serviceUser, String demoUser, List<String> created) {
    static final String SERVICE = "ucloud";
    static final String DEMO = "imdemo";
    static final String GROUP = "ucloud-users";

    static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** As root: makes sure the service account and the demo user exist, creating what is missing. */
    static DevAccounts ensureAsRoot() throws IOException, InterruptedException {
        List<String> created = new ArrayList<>();
        if (!exists(SERVICE)) {
            run("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", SERVICE);
            created.add("service account '" + SERVICE + "'");
        }
        if (!exists(DEMO)) {
            run("useradd", "--create-home", "--user-group", "--shell", "/bin/bash", DEMO);
            created.add("demo user '" + DEMO + "'");
        }
        run("groupadd", "-f", GROUP);
        run("usermod", "-aG", GROUP, DEMO);
        return new DevAccounts(SERVICE, DEMO, List.copyOf(created));
    }

    /** As an ordinary user: everything runs as that user, and the demo UCloud user maps to it. */
    static DevAccounts currentUser() {
        String me = new com.sun.security.auth.module.UnixSystem().getUsername();
        return new DevAccounts(me, me, List.of());
    }

    static boolean exists(String name) throws IOException, InterruptedException {
        return new ProcessBuilder("getent", "passwd", name).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor() == 0;
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
    }
}

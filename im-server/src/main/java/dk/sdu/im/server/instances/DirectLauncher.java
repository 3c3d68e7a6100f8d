package dk.sdu.im.server.instances;

import dk.sdu.im.server.identity.LocalAccount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Development launch (`instances.launch: direct`): runs IM/User as IM/Server's own user, without sudo. Only
 * accounts with IM/Server's own uid can be served this way; anything else is refused, never attempted.
 */
public final class DirectLauncher implements InstanceLauncher {
    private final Path java;
    private final String classPath;
    private final Path configDir;
    private final int ownUid;

    public DirectLauncher(Path java, String classPath, Path configDir, int ownUid) {
        this.java = java;
        this.classPath = classPath;
        this.configDir = configDir;
        this.ownUid = ownUid;
    }

    @Override
    public Process launch(LocalAccount account) throws IOException {
        if (account.uid() != ownUid) {
            throw new IOException("direct launch serves only uid " + ownUid + ", not " + account.name() + " (uid "
                    + account.uid() + "); use instances.launch: sudo");
        }
        var builder = new ProcessBuilder(List.of(java.toString(), "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "dk.sdu.im.user.UserMain",
                "--config-dir", configDir.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true); // one pipe, which the supervisor relays into the log, marked as this user's
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder.start();
    }
}

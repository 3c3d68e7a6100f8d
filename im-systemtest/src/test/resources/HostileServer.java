import dk.sdu.im.ipc.RehearsalServer;
import dk.sdu.im.ipc.ServerToInstance;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run as the service account while IM/Server is stopped: binds the IPC socket itself, launches a user's instance
 * through the sudo rule and tells it it serves another UCloud user. Prints the instance's output and "EXIT <status>",
 * or "STILL RUNNING" if the instance accepted the assignment and kept serving.
 */
public class HostileServer {
    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String claimed = args[1];
        String localUser = args[2];
        int uid = Integer.parseInt(args[3]);
        String launcher = args[4];
        try (var server = RehearsalServer.start(socket, new ServerToInstance.Assigned(claimed, localUser, uid, false))) {
            java.nio.file.Files.setPosixFilePermissions(socket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
            Process instance = new ProcessBuilder("/usr/bin/sudo", "-n", "-u", localUser, launcher)
                    .redirectErrorStream(true).start();
            boolean ended = instance.waitFor(30, TimeUnit.SECONDS);
            if (!ended) {
                instance.destroy();
            }
            System.out.println(new String(instance.getInputStream().readNBytes(64 * 1024)));
            System.out.println(ended ? "EXIT " + instance.exitValue() : "STILL RUNNING");
        }
    }
}

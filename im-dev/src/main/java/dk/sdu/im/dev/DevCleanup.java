package dk.sdu.im.dev;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Removes what development mode leaves behind when it dies without its shutdown hook (SIGKILL): a small shell,
 * started first, as the same user, holding the read end of a pipe whose write end only this process has. It reads
 * what to wait for ({@code wait PID}) and what to remove ({@code remove PATH}) until the pipe closes, which the kernel
 * does however this process ends; then it waits for those processes (IM/Server, which stops itself when the same
 * happens to its standard input) and removes the paths. It ignores the signals Ctrl-C and kill send to the whole
 * group, so it outlives them. On a clean stop the shutdown hook has already removed everything, and it finds nothing.
 */
final class DevCleanup {
    private static final String SCRIPT = """
            trap '' INT TERM HUP QUIT
            pids=''
            while read -r what arg; do
                case $what in
                    wait) pids="$pids $arg" ;;
                    remove) set -- "$@" "$arg" ;;
                esac
            done
            for pid in $pids; do
                while [ -d "/proc/$pid" ] && ! grep -q '^[0-9]* (.*) Z ' "/proc/$pid/stat" 2>/dev/null; do sleep 0.2; done
            done
            [ "$#" -eq 0 ] || rm -rf -- "$@"
            """;
    private final Process shell;
    private final OutputStream pipe;

    private DevCleanup(Process shell) {
        this.shell = shell;
        this.pipe = shell.getOutputStream();
    }

    static DevCleanup start() throws IOException {
        return new DevCleanup(new ProcessBuilder("/bin/sh", "-c", SCRIPT, "ucloud-im-dev-cleanup")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Once this process is gone, waits for {@code process} to end before removing anything. */
    void awaitFirst(ProcessHandle process) throws IOException {
        send("wait " + process.pid());
    }

    /** Once this process is gone (and what it waits for), removes {@code path}, a tree this process created. */
    void remove(Path path) throws IOException {
        send("remove " + path.toAbsolutePath());
    }

    long pid() {
        return shell.pid();
    }

    private void send(String line) throws IOException {
        if (line.contains("\n")) {
            throw new IOException("not one line: " + line);
        }
        pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        pipe.flush();
    }
}

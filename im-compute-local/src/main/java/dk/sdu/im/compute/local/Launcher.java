package dk.sdu.im.compute.local;

import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.Submission;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Starts a job's script as the leader of a session and process group of its own, so that the script and
 * everything it starts can be signalled together through the group id, which is the started process's pid.
 *
 * <p>How: {@code setsid --wait /bin/bash -- <script>}. Java starts setsid(1) as a fresh child, which inherits the
 * JVM's process group and so is never a group leader; setsid(1) then calls setsid(2) itself, without forking, and
 * execs bash in place. {@code --wait} matters only if it ever did fork: it would then wait and pass bash's exit
 * status on. Java's {@code start()} returns once setsid(1) is exec'd, possibly before its setsid(2), so
 * {@link #start} waits until {@code /proc} shows the new group, and refuses the job if it does not appear.
 */
final class Launcher {
    private static final List<String> COMMAND = List.of("/usr/bin/setsid", "--wait", "/bin/bash", "--");
    private static final Duration GROUP_WAIT = Duration.ofSeconds(2);

    /** The running script of {@code submission}; its pid is its process group id. */
    Process start(Submission submission) throws ComputeRefusal {
        Process process = spawn(builder(submission));
        awaitOwnGroup(process);
        return process;
    }

    /** Input from nowhere, output appended to the job's files by the kernel (no Java thread copies it). */
    private static ProcessBuilder builder(Submission submission) {
        ProcessBuilder builder = new ProcessBuilder(command(submission))
                .directory(submission.folder().toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(submission.stdout().toFile()))
                .redirectError(Redirect.appendTo(submission.stderr().toFile()));
        environment(builder.environment(), submission.ucloudJobId());
        return builder;
    }

    private static List<String> command(Submission submission) {
        List<String> command = new ArrayList<>(COMMAND);
        command.add(submission.script().toString());
        return command;
    }

    /**
     * The instance's own environment (IM/User's is already clean), without {@code SLURM_} variables (the script is
     * not in a Slurm job, whatever the instance was started from), with {@code UCLOUD_JOB_ID}.
     */
    private static void environment(Map<String, String> environment, String ucloudJobId) {
        environment.keySet().removeIf(name -> name.startsWith("SLURM_"));
        environment.put("UCLOUD_JOB_ID", ucloudJobId);
    }

    private static Process spawn(ProcessBuilder builder) throws ComputeRefusal {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ComputeRefusal("The job's script could not be started: " + e.getMessage(), false);
        }
    }

    /** Returns once {@code process} leads its own group, or has already ended; otherwise kills it and refuses. */
    private static void awaitOwnGroup(Process process) throws ComputeRefusal {
        try {
            if (leadsOwnGroupWithin(process, GROUP_WAIT)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new ComputeRefusal("The job's script did not get a process group of its own in time (setsid did not"
                + " take effect), so it could not be stopped reliably; it was not run.", false);
    }

    private static boolean leadsOwnGroupWithin(Process process, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong group = ProcStat.groupOf(process.pid());
            if (group.isEmpty() || group.getAsLong() == process.pid() || !process.isAlive()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }
}

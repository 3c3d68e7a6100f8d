package dk.sdu.im.cli;

import dk.sdu.im.ipc.AdminToServer;
import dk.sdu.im.ipc.ServerToAdmin;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ucloud-im jobs ls}: the jobs IM/Server follows (submitted through an instance and not yet over). */
@Command(name = "jobs", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The compute jobs IM/Server follows for UCloud.")
final class JobsCommand extends Shell {
    static final List<String> HEADER = List.of("UCLOUD JOB", "SCHEDULER ID", "UCLOUD USER", "LOCAL USER", "CATEGORY",
            "STATE", "SUBMITTED");

    @Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            description = "List the jobs not yet over: UCloud's id, the scheduler's id, who submitted it, as whom it"
                    + " runs, its category, the last state UCloud accepted, and when it was submitted.")
    int ls(@Mixin AdminOptions options) {
        try (AdminSession session = options.connect()) {
            List<ServerToAdmin.JobInfo> jobs = session.all(AdminToServer.ListJobs::new, ServerToAdmin.Jobs.class,
                    r -> new AdminSession.Page<>(r.jobs(), r.more()), ServerToAdmin.JobInfo::ucloudId);
            output(options).table(jobs, HEADER, j -> List.of(j.ucloudId(), j.providerId(), j.ucloudUsername(),
                    j.localUsername(), j.category(), Output.orDash(j.state()), Output.time(j.submittedEpochMillis())));
        }
        return 0;
    }
}

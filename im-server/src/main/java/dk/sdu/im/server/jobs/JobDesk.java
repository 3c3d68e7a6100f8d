package dk.sdu.im.server.jobs;

import dk.sdu.im.compute.backend.JobStatus;
import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.UcloudJobState;
import dk.sdu.im.db.TrackedJob;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.server.instances.InstanceJobs;
import dk.sdu.im.server.ucloud.CoreFailure;
import dk.sdu.im.server.ucloud.DriveRegistration;
import dk.sdu.im.server.ucloud.JobClient;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers instances' job messages. Nothing an instance says about whose job it is is believed: the user is the
 * supervisor's assignment, a submitted job is tracked only after UCloud confirms that user created it in the project
 * and category its usage is charged to, and a reported state is applied only to a job tracked for that user.
 */
final class JobDesk implements InstanceJobs {
    private static final Logger LOG = Logger.getLogger(JobDesk.class.getName());
    /** Drives are registered in the background when an instance first registers; a first job waits this long for them. */
    private static final long DRIVE_WAIT_MILLIS = 3000;

    private final JobTracker tracker;
    private final UsageReporter usage;
    private final DriveRegistration drives;
    private final Clock clock;
    private final String backend;
    private final Confirmations confirmations;

    JobDesk(JobTracker tracker, UsageReporter usage, DriveRegistration drives, JobClient core, Clock clock, String backend) {
        this.confirmations = new Confirmations(core);
        this.tracker = tracker;
        this.usage = usage;
        this.drives = drives;
        this.clock = clock;
        this.backend = backend;
    }

    @Override
    public ServerToInstance drives(Assignee instance) {
        long deadline = System.nanoTime() + DRIVE_WAIT_MILLIS * 1_000_000;
        Map<String, String> ids = drives.driveIds(instance.ucloudUser());
        while (ids.isEmpty() && System.nanoTime() - deadline < 0) {
            pause();
            ids = drives.driveIds(instance.ucloudUser());
        }
        return new ServerToInstance.DriveList(ids.entrySet().stream()
                .map(e -> new ServerToInstance.DriveId(e.getValue(), e.getKey())).toList());
    }

    @Override
    public ServerToInstance maySubmit(Assignee instance, InstanceToServer.MaySubmit request) {
        var wallet = new UsageReporter.Wallet(request.project().isEmpty() ? instance.ucloudUser() : "", request.project(),
                request.category());
        if (usage.mayUse(wallet)) {
            confirmations.start(instance.localUser(), request.ucloudJobId());
            return new ServerToInstance.Ack();
        }
        String owner = request.project().isEmpty() ? "You have" : "Your project has";
        return new ServerToInstance.Refused(owner + " no allocation left for " + request.category()
                + " on this provider; apply for more resources in UCloud");
    }

    @Override
    public ServerToInstance submitted(Assignee instance, InstanceToServer.JobSubmitted submitted) {
        String id = submitted.ucloudJobId();
        long begun = System.nanoTime();
        try {
            JobClient.JobOwner owner = confirmations.take(instance.localUser(), id);
            if (!owner.createdBy().equals(instance.ucloudUser())) {
                LOG.warning("refused to track job " + id + " for " + instance.ucloudUser() + ": UCloud says "
                        + owner.createdBy() + " created it");
                return new ServerToInstance.Refused("job " + id + " is not one of your jobs");
            }
            if (!owner.project().equals(submitted.project()) || !owner.category().equals(submitted.category())) {
                LOG.warning("refused to track job " + id + " of " + instance.ucloudUser() + " in project '"
                        + submitted.project() + "', category " + submitted.category() + ": UCloud says project '"
                        + owner.project() + "', category " + owner.category());
                return new ServerToInstance.Refused("job " + id + " is not in that project and category");
            }
        } catch (CoreFailure failure) {
            LOG.warning("cannot confirm job " + id + " of " + instance.ucloudUser() + " with UCloud: " + failure.getMessage());
            return new ServerToInstance.Refused("the provider cannot reach UCloud to confirm the job; try again");
        }
        long confirmed = System.nanoTime();
        TrackedJob job = TrackedJob.submitted(id, submitted.providerJobId(), instance.ucloudUser(), instance.localUser(),
                submitted.project(), submitted.category(), clock.millis());
        if (!tracker.track(job, announcement(submitted))) {
            return new ServerToInstance.Refused("job " + id + " was submitted already");
        }
        long recorded = System.nanoTime();
        LOG.info(() -> "tracking job " + id + " (" + submitted.providerJobId() + ") of " + instance.ucloudUser()
                + ": UCloud's confirmation taken after " + (confirmed - begun) / 1000 + " µs, recorded in "
                + (recorded - confirmed) / 1000 + " µs");
        return new ServerToInstance.Ack();
    }

    @Override
    public ServerToInstance observed(Assignee instance, InstanceToServer.JobObserved observed) {
        Optional<TrackedJob> job = tracker.ofUser(observed.providerJobId(), instance.localUser());
        Optional<UcloudJobState> state = Arrays.stream(UcloudJobState.values())
                .filter(s -> s.name().equals(observed.state())).findFirst();
        if (job.isEmpty() || state.isEmpty()) {
            return new ServerToInstance.Refused("no tracked job " + observed.providerJobId() + " of yours in state "
                    + observed.state());
        }
        tracker.apply(List.of(new Observation(observed.providerJobId(), Optional.of(instance.localUser()),
                new JobStatus(state.get(), observed.status()), observed.cpuSeconds(), observed.gpuSeconds())));
        return new ServerToInstance.Ack();
    }

    /** The first update: where the output goes and that the job is queued (contract 3.5.1), sent by the tracker. */
    private JobClient.Update announcement(InstanceToServer.JobSubmitted submitted) {
        return new JobClient.Update(submitted.ucloudJobId(), new JobClient.JobUpdate(null,
                "Submitted to " + backend + " (job id " + submitted.providerJobId() + ")", submitted.outputFolder(), null,
                clock.millis()));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

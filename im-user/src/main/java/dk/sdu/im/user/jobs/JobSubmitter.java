package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.compute.app.Job;
import dk.sdu.im.compute.app.JobJson;
import dk.sdu.im.compute.backend.ComputeRefusal;
import dk.sdu.im.compute.backend.Submission;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.compute.script.BatchScript;
import dk.sdu.im.compute.script.ScriptException;
import dk.sdu.im.config.ComputeConfig;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.config.Product;
import dk.sdu.im.config.ProductCategory;
import dk.sdu.im.config.ProductType;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FreshFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Submits one job, as the user (contract 3.5.1): checks that the job is this user's and the owner may still use the
 * machine, makes the job folder in the user's drive with {@code job.sbatch} in it, hands it to the backend, and has
 * IM/Server track it. Any step that fails leaves nothing behind: no scheduler job, no folder, nothing tracked.
 */
final class JobSubmitter {
    private static final Logger LOG = Logger.getLogger(JobSubmitter.class.getName());
    static final String SCRIPT = "job.sbatch";
    static final String STDOUT = "stdout.txt";
    static final String STDERR = "stderr.txt";
    private static final Pattern UNSAFE_NAME = Pattern.compile("[^A-Za-z0-9_.-]+");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ImConfig config;
    private final UserCompute compute;
    private final JobDrives drives;
    private final ServerDesk server;
    private final Supplier<String> owner;
    private final HeldObservations observations;
    private final JobJson parser = new JobJson();

    JobSubmitter(ImConfig config, UserCompute compute, JobDrives drives, ServerDesk server, Supplier<String> owner,
                 HeldObservations observations) {
        this.observations = observations;
        this.config = config;
        this.compute = compute;
        this.drives = drives;
        this.server = server;
        this.owner = owner;
    }

    /** Submits the job; returns the provider id Core stores. */
    String submit(JsonNode item) {
        long begun = System.nanoTime();
        JobEnvelope envelope = JobEnvelope.of(item);
        if (!envelope.createdBy().equals(owner.get())) {
            throw ApiException.forbidden("Job " + envelope.id() + " was created by another user");
        }
        Submission.Machine machine = machine(envelope);
        maySubmit(envelope);
        Job job = parse(item);
        ComputeConfig settings = config.compute();
        DriveRoot drive = drives.byLocator(settings.drive());
        List<String> names = List.of(settings.jobFolderOf(plain(envelope.application()), envelope.id()).split("/"));
        Path folder = drive.root().resolve(String.join("/", names));
        Submission submission = new Submission(envelope.id(), jobName(envelope), folder, folder.resolve(SCRIPT),
                folder.resolve(STDOUT), folder.resolve(STDERR), machine, envelope.timeAllocation(), account(envelope));
        long checked = System.nanoTime();
        String script = script(job, submission);
        create(drive, names, script);
        long written = System.nanoTime();
        String providerId = submitted(submission);
        long queued = System.nanoTime();
        track(envelope, providerId, "/" + drive.driveId() + "/" + String.join("/", names), submission);
        long tracked = System.nanoTime();
        LOG.info(() -> "submitted job " + envelope.id() + " as " + providerId + " in " + millis(begun, tracked)
                + " ms: checks and allocation " + millis(begun, checked) + " ms, folder and script "
                + millis(checked, written) + " ms, backend " + millis(written, queued) + " ms, IM/Server's tracking "
                + millis(queued, tracked) + " ms");
        return providerId;
    }

    private static String millis(long fromNanos, long toNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", (toNanos - fromNanos) / 1e6);
    }

    private Submission.Machine machine(JobEnvelope envelope) {
        for (ProductCategory category : config.products()) {
            if (category.type() == ProductType.COMPUTE && category.name().equals(envelope.category())) {
                for (Product product : category.products()) {
                    if (product.name().equals(envelope.product())) {
                        return new Submission.Machine(product.cpu(), product.memoryInGigs(), product.gpu(), category.placement());
                    }
                }
            }
        }
        throw ApiException.badRequest("Unknown machine type " + envelope.product() + " (" + envelope.category() + ")");
    }

    private void maySubmit(JobEnvelope envelope) {
        try {
            server.maySubmit(envelope.id(), envelope.project(), envelope.category());
        } catch (ServerDesk.Refused refused) {
            throw ApiException.of(402, refused.getMessage(), null);
        }
    }

    private Job parse(JsonNode item) {
        try {
            return parser.parseJob(item);
        } catch (IOException e) {
            throw ApiException.badRequest("The job cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Optional<String> account(JobEnvelope envelope) {
        return switch (config.compute().accounts()) {
            case ComputeConfig.AccountPolicy.SlurmDefault d -> Optional.empty();
            case ComputeConfig.AccountPolicy.Fixed fixed -> Optional.of(fixed.account());
            case ComputeConfig.AccountPolicy.PerProject perProject -> {
                if (envelope.project().isEmpty()) {
                    yield Optional.empty();
                }
                String account = perProject.pattern().replace("{projectId}", envelope.project());
                if (!ACCOUNT.matcher(account).matches()) {
                    throw ApiException.badRequest("Project " + envelope.project() + " has no Slurm account on this provider");
                }
                yield Optional.of(account);
            }
        };
    }

    private String script(Job job, Submission submission) {
        try {
            return BatchScript.forJob(job).directives(compute.directives(submission))
                    .siteApplications(config.compute().applications()).files(drives::localPath).build();
        } catch (ScriptException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Makes the folder; a refusal names it by its UCloud path only (the local path is for the log). */
    private static void create(DriveRoot drive, List<String> names, String script) {
        String folder = "/" + drive.driveId() + "/" + String.join("/", names);
        try {
            FreshFolder.create(drive, names, Map.of(SCRIPT, script.getBytes(StandardCharsets.UTF_8)));
        } catch (FileAlreadyExistsException e) {
            throw ApiException.of(409, "The job folder " + folder + " exists already", null);
        } catch (java.nio.file.FileSystemException e) {
            LOG.warning(() -> "cannot create the job folder " + folder + ": " + e);
            throw ApiException.of(409, "The job folder " + folder + " cannot be created: a file or a link is in the way,"
                    + " or you may not write there", null);
        } catch (IOException e) {
            LOG.warning(() -> "cannot create the job folder " + folder + ": " + e);
            throw ApiException.of(500, "The job folder " + folder + " cannot be created in your drive", null);
        }
    }

    private String submitted(Submission submission) {
        try {
            return compute.submit(submission);
        } catch (ComputeRefusal refusal) {
            removeFolder(submission);
            throw ApiException.of(refusal.userError() ? 400 : 500, refusal.getMessage(), null);
        }
    }

    private void track(JobEnvelope envelope, String providerId, String outputFolder, Submission submission) {
        try {
            server.submitted(envelope.id(), providerId, outputFolder, envelope.category(), envelope.project());
            observations.tracked(providerId);
        } catch (ServerDesk.Refused refused) {
            observations.refused(providerId);
            cancelQuietly(providerId);
            removeFolder(submission);
            throw ApiException.badRequest(refused.getMessage());
        } catch (RuntimeException e) {
            observations.refused(providerId);
            cancelQuietly(providerId);
            removeFolder(submission);
            throw e;
        }
    }

    private void cancelQuietly(String providerId) {
        try {
            compute.cancel(providerId);
        } catch (ComputeRefusal refusal) {
            LOG.warning(() -> "cannot cancel job " + providerId + " after IM/Server refused it: " + refusal.getMessage());
        }
    }

    /** Takes back what this submission wrote: the script, the output files if any, the folder if then empty. */
    private static void removeFolder(Submission submission) {
        try {
            for (Path file : List.of(submission.script(), submission.stdout(), submission.stderr())) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(submission.folder());
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove the job folder " + submission.folder() + ": " + e);
        }
    }

    private static String jobName(JobEnvelope envelope) {
        String name = envelope.name().isBlank() ? envelope.application() : envelope.name();
        return "ucloud-" + envelope.id() + (name.isBlank() ? "" : "-" + plain(name));
    }

    /** A name safe as one path component and job name: letters, digits, '_', '.', '-'; never empty or dots only. */
    static String plain(String name) {
        String plain = UNSAFE_NAME.matcher(name).replaceAll("_");
        plain = plain.length() > 64 ? plain.substring(0, 64) : plain;
        return plain.isEmpty() || plain.chars().allMatch(c -> c == '.') ? "job" : plain;
    }
}

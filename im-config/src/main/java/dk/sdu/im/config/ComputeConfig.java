package dk.sdu.im.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Jobs (section {@code compute}): which backend runs them, where their folders go, how often IM/Server looks at
 * them and reports usage, which Slurm account they are charged to, and how native applications are loaded.
 * Without the section no backend runs and compute products are advertised as not enabled.
 *
 * @param backend {@code none}, {@code slurm} or {@code local} (the script runs as a process of the user's
 *     instance; for machines without Slurm). Default: {@code none}.
 * @param drive the drive (a {@code drives} entry) job folders are made in. Default: the first drive.
 * @param jobFolder the job folder inside that drive, relative, with {@code {application}} and {@code {jobId}}
 *     standing for the application's name and UCloud's job id. Default: {@code Jobs/{application}/{jobId}}.
 * @param pollInterval how often IM/Server reads the scheduler's accounting for all tracked jobs, 1 s to 1 h
 *     ({@code pollSeconds}). Default: 5 s.
 * @param usageInterval how often absolute usage is reported to UCloud, 5 s to 1 day ({@code usageSeconds}).
 *     Default: 30 s.
 * @param accounts which Slurm account a job is charged to ({@code accountPolicy}: {@code none}, {@code fixed}
 *     with {@code account}, or {@code project} with {@code accountPattern} containing {@code {projectId}}).
 *     Default: none (Slurm's default account of the user).
 * @param slurmConf the {@code slurm.conf} the Slurm tools read ({@code SLURM_CONF}). Default: Slurm's own.
 * @param slurmBin the directory with {@code sbatch}, {@code scancel}, {@code sacct}, {@code squeue} and
 *     {@code sinfo}. Default: {@code /usr/bin}.
 * @param applications {@code name@version} of a native application (the tool's {@code loadInstructions}) to
 *     the lines that load it, e.g. {@code "gromacs@2024": "module load gromacs/2024"}; written verbatim
 */
public record ComputeConfig(Backend backend, String drive, String jobFolder, Duration pollInterval,
                            Duration usageInterval, AccountPolicy accounts, Optional<Path> slurmConf, Path slurmBin,
                            Map<String, List<String>> applications) {
    static final Keys KEYS = Keys.of("backend", "drive", "jobFolder", "pollSeconds", "usageSeconds", "accountPolicy",
            "account", "accountPattern", "slurmConf", "slurmBin", "applications");
    private static final String DEFAULT_FOLDER = "Jobs/{application}/{jobId}";
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern FOLDER_SEGMENT = Pattern.compile("[^/\\x00-\\x1f]{1,255}");

    /** Which implementation of the compute interface runs jobs; the plugin of that name is loaded. */
    public enum Backend { NONE, SLURM, LOCAL }

    /** The words of {@code accountPolicy}, in their documented order (the order an error lists them in). */
    private enum Policy { NONE, FIXED, PROJECT }

    /** How the Slurm account of a job is chosen (issue text: none, fixed, or a pattern of the project). */
    public sealed interface AccountPolicy {
        /** No {@code --account}: Slurm charges the user's default account. */
        record SlurmDefault() implements AccountPolicy {}

        /** Every job is charged to {@code account}. */
        record Fixed(String account) implements AccountPolicy {}

        /** A project's jobs are charged to {@code pattern} with {@code {projectId}} replaced; personal jobs as none. */
        record PerProject(String pattern) implements AccountPolicy {}
    }

    public ComputeConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(drive, "drive");
        Objects.requireNonNull(jobFolder, "jobFolder");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(usageInterval, "usageInterval");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(slurmBin, "slurmBin");
        applications = Map.copyOf(applications);
    }

    /** Whether a backend runs jobs at all. */
    public boolean enabled() {
        return backend != Backend.NONE;
    }

    /** The job folder of one job, relative to the drive's root; {@code application} must be a plain name. */
    public String jobFolderOf(String application, String jobId) {
        return jobFolder.replace("{application}", application).replace("{jobId}", jobId);
    }

    static ComputeConfig read(YamlSection yaml, List<DriveLocator> drives) throws ConfigException {
        Backend backend = yaml.choice("backend", Choices.lowerCase(Backend.values()), Backend.NONE);
        String drive = drive(yaml, drives, backend);
        return new ComputeConfig(backend, drive, jobFolder(yaml),
                Duration.ofSeconds(yaml.integer("pollSeconds", 5, 1, 3600)),
                Duration.ofSeconds(yaml.integer("usageSeconds", 30, 5, 86_400)),
                accounts(yaml), yaml.optionalValue("slurmConf", new ResolvedPath(Path.of("/"))),
                yaml.optionalValue("slurmBin", new ResolvedPath(Path.of("/"))).orElse(Path.of("/usr/bin")),
                applications(yaml.optionalSection("applications", Keys.any())));
    }

    private static String drive(YamlSection yaml, List<DriveLocator> drives, Backend backend) throws ConfigException {
        Optional<String> named = yaml.optionalString("drive");
        if (named.isPresent()) {
            if (drives.stream().noneMatch(d -> d.name().equals(named.get()))) {
                throw yaml.valueError("drive", yaml.pathOf("drive") + " '" + named.get() + "' is not an entry of 'drives'."
                        + " Use one of: " + String.join(", ", drives.stream().map(DriveLocator::name).toList()));
            }
            return named.get();
        }
        if (drives.isEmpty() && backend != Backend.NONE) {
            throw yaml.error("compute needs a drive for job folders, but no storage product or drive is configured."
                    + " Add a storage category to 'products' (a home drive is then made for it).");
        }
        return drives.isEmpty() ? "" : drives.getFirst().name();
    }

    private static String jobFolder(YamlSection yaml) throws ConfigException {
        String folder = yaml.string("jobFolder", DEFAULT_FOLDER);
        for (String segment : folder.split("/", -1)) {
            if (!FOLDER_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw yaml.valueError("jobFolder", yaml.pathOf("jobFolder") + " must be a relative path of plain names"
                        + " separated by '/', e.g. " + DEFAULT_FOLDER + " (no empty, '.' or '..' parts, no control characters).");
            }
        }
        if (!folder.contains("{jobId}")) {
            throw yaml.valueError("jobFolder", yaml.pathOf("jobFolder") + " must contain {jobId}, so that every job has"
                    + " a folder of its own, e.g. " + DEFAULT_FOLDER + ".");
        }
        return folder;
    }

    private static AccountPolicy accounts(YamlSection yaml) throws ConfigException {
        Policy policy = yaml.choice("accountPolicy", Choices.lowerCase(Policy.values()), Policy.NONE);
        ValueParser<String> account = text -> {
            if (!ACCOUNT.matcher(text.replace("{projectId}", "x")).matches()) {
                throw new InvalidValue("must be a Slurm account name of 1 to 64 letters, digits, '_', '.' or '-'",
                        "Use the account as sacctmgr shows it.");
            }
            return text;
        };
        return switch (policy) {
            case FIXED -> new AccountPolicy.Fixed(yaml.value("account", account));
            case PROJECT -> {
                String pattern = yaml.value("accountPattern", account);
                if (!pattern.contains("{projectId}")) {
                    throw yaml.valueError("accountPattern", yaml.pathOf("accountPattern")
                            + " must contain {projectId}, e.g. ucloud_{projectId}.");
                }
                yield new AccountPolicy.PerProject(pattern);
            }
            case NONE -> new AccountPolicy.SlurmDefault();
        };
    }

    private static Map<String, List<String>> applications(YamlSection yaml) throws ConfigException {
        Map<String, List<String>> applications = new LinkedHashMap<>();
        for (String key : yaml.keys()) {
            if (!key.matches("[^@\\s]+@[^@\\s]+")) {
                throw yaml.keyError(key, yaml.pathOf(key) + " must be name@version, as the tool's load instructions"
                        + " name the application, e.g. gromacs@2024.");
            }
            applications.put(key, List.of(yaml.string(key).split("\n")));
        }
        return applications;
    }
}

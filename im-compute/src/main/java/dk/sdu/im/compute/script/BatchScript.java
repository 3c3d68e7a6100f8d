package dk.sdu.im.compute.script;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.ApplicationInvocation;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.app.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the text of {@code job.sbatch} from a job's resolved application and parameter values:
 *
 * <pre>
 * #!/bin/bash
 * #SBATCH --name=value      the caller's directives, then the application's own
 *
 * export NAME='value'       the application's environment
 *
 * module load ...           the site's lines for each native application the tool needs
 *
 * 'program' 'arg' ...       the command line from the invocation
 * </pre>
 *
 * An invocation that is a single {@code jinja} template renders the command lines instead, as many as it
 * writes (see {@link JinjaTemplates}). Every word that came from UCloud is one single-quoted bash word (see
 * {@link ShellQuote}), in rendered templates too; directive values use sbatch's quoting
 * ({@link SlurmQuote}). The application may not set a directive the caller set, nor the ones in
 * {@link #RESERVED_DIRECTIVES}, nor any abbreviation of those (sbatch accepts unambiguous prefixes of long
 * options). Any failure is a {@link ScriptException} naming its cause.
 *
 * <p>A builder is used once, from one thread.
 */
public final class BatchScript {
    /** Directives that decide accounting, placement, identity or where output goes: never the application's. */
    public static final Set<String> RESERVED_DIRECTIVES = Set.of(
            "account", "partition", "qos", "reservation", "comment", "parsable", "chdir", "output", "error",
            "input", "uid", "gid", "wrap", "export", "export-file", "get-user-env", "job-name", "wckey");

    private final ApplicationInvocation application;
    private final Map<String, AppParameterValue> values;
    private List<SbatchDirective> directives = List.of();
    private Map<String, List<String>> siteApplications = Map.of();
    private FileResolver files = FileResolver.none();

    private BatchScript(ApplicationInvocation application, Map<String, AppParameterValue> values) {
        this.application = Objects.requireNonNull(application, "application");
        this.values = Map.copyOf(values);
    }

    /** A builder for this job's script. */
    public static BatchScript forJob(Job job) {
        return new BatchScript(job.application().invocation(), job.parameterValues());
    }

    /** A builder for an application invocation and the values the user gave. */
    public static BatchScript of(ApplicationInvocation application, Map<String, AppParameterValue> values) {
        return new BatchScript(application, values);
    }

    /** The caller's directives (resources, time, name, output files), written first and in this order. */
    public BatchScript directives(List<SbatchDirective> directives) {
        this.directives = List.copyOf(directives);
        return this;
    }

    /** The site's mapping from {@code name@version} to the lines that load that native application. */
    public BatchScript siteApplications(Map<String, List<String>> siteApplications) {
        this.siteApplications = Map.copyOf(siteApplications);
        return this;
    }

    /** How file values become local paths (default: every file value is refused). */
    public BatchScript files(FileResolver files) {
        this.files = Objects.requireNonNull(files, "files");
        return this;
    }

    /** The script text, ending in a newline. */
    public String build() {
        BoundValues bound = BoundValues.bind(application.parameters(), values);
        Arguments arguments = new Arguments(bound, new ValueText(files));
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.addAll(new Directives(directives, RESERVED_DIRECTIVES).lines(application.sbatch(), arguments));
        section(lines, exports(arguments));
        section(lines, ModuleLoads.lines(application.loadInstructions(), siteApplications));
        lines.add("");
        lines.add(commandLine(arguments));
        return String.join("\n", lines) + "\n";
    }

    private List<String> exports(Arguments arguments) {
        List<String> lines = new ArrayList<>();
        application.environment().forEach((name, parameter) -> {
            String where = "environment variable " + name;
            Arguments.identifier(name, "the application's environment");
            ShellWord value = ShellWord.joined(arguments.expand(parameter, where));
            lines.add("export " + name + "=" + value.bash());
        });
        return lines;
    }

    private String commandLine(Arguments arguments) {
        if (application.invocation().size() == 1
                && application.invocation().getFirst() instanceof InvocationParameter.Jinja template) {
            return scriptLines(arguments.script(template, "the command line"));
        }
        List<String> words = new ArrayList<>();
        for (InvocationParameter parameter : application.invocation()) {
            arguments.expand(parameter, "the command line").forEach(w -> words.add(w.bash()));
        }
        if (words.isEmpty()) {
            throw new ScriptException("the application's invocation is empty");
        }
        return String.join(" ", words);
    }

    /** The rendered lines without the white space that ends them (the script adds its own line break). */
    private static String scriptLines(String rendered) {
        String lines = rendered.stripTrailing();
        if (lines.isEmpty()) {
            throw new ScriptException("the application's invocation is empty");
        }
        return lines;
    }

    private static void section(List<String> lines, List<String> section) {
        if (!section.isEmpty()) {
            lines.add("");
            lines.addAll(section);
        }
    }
}

package dk.sdu.im.compute.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.ApplicationInvocation;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.app.InvocationParameter.Env;
import dk.sdu.im.compute.app.InvocationParameter.Var;
import dk.sdu.im.compute.app.InvocationParameter.Word;
import dk.sdu.im.compute.app.Job;
import dk.sdu.im.compute.app.JobJson;
import dk.sdu.im.compute.app.LoadInstructions;
import dk.sdu.im.compute.app.ToolReference;
import dk.sdu.im.compute.app.ToolReference.Description;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchScriptTest {
    private static final List<SbatchDirective> CALLER = List.of(
            SbatchDirective.of("time", "01:00:00"), SbatchDirective.of("cpus-per-task", "4"),
            SbatchDirective.of("job-name", "4213"), SbatchDirective.of("output", "stdout.txt"));
    private static final Map<String, List<String>> SITE = Map.of(
            "gromacs@2024.3", List.of("module purge", "module load gromacs/2024.3"));

    static Job realisticJob() throws Exception {
        try (var in = BatchScriptTest.class.getResourceAsStream("/dk/sdu/im/compute/job-create.json")) {
            return new JobJson().parseJob(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRealisticJobBecomesThisScript() throws Exception {
        String script = BatchScript.forJob(realisticJob())
                .directives(CALLER)
                .siteApplications(SITE)
                .files(path -> "/work/alice" + path)
                .build();
        assertThat(script).isEqualTo("""
                #!/bin/bash
                #SBATCH --time='01:00:00'
                #SBATCH --cpus-per-task='4'
                #SBATCH --job-name='4213'
                #SBATCH --output='stdout.txt'
                #SBATCH --ntasks-per-node='8'

                export GMX_SCRATCH='/scratch/gromacs'
                export OMP_NUM_THREADS='8'

                module purge
                module load gromacs/2024.3

                'gmx' 'mdrun' '-s' '/work/alice/12/data/topol.tpr' '-nt' '8' '-deffnm=run 1' '-v' "${GMX_SCRATCH}"
                """);
    }

    @Test
    void anApplicationTheSiteDoesNotOfferIsAnErrorNamingIt() throws Exception {
        assertThatThrownBy(() -> BatchScript.forJob(realisticJob()).directives(CALLER)
                .siteApplications(Map.of("gromacs@2023.1", List.of("module load gromacs/2023.1")))
                .files(path -> "/work/alice" + path).build())
                .isInstanceOf(ScriptException.class)
                .hasMessage("application gromacs@2024.3 is not offered by this site");
    }

    @Test
    void loadInstructionsOfAnotherTypeAreRefused() {
        var tool = new ToolReference("t", "1", new ToolReference.Tool(
                new Description("NATIVE", new LoadInstructions("Container", List.of()))));
        var app = new ApplicationInvocation(tool, List.of(new Word("true")), List.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> BatchScript.of(app, Map.of()).build())
                .hasMessage("load instructions of type 'Container' are not supported");
    }

    @Test
    void environmentValuesAreExportedAsOneWordAndRunThatWay() throws Exception {
        Map<String, InvocationParameter> env = new LinkedHashMap<>();
        env.put("GREETING", Var.of("g"));
        env.put("JOINED", new Var(List.of("g"), "pre", "", "", "", false, false));
        env.put("WITH_REF", new Env("GREETING"));
        var app = new ApplicationInvocation(null,
                List.of(new Word("printf"), new Word("%s\\0"), new Env("GREETING"), new Env("JOINED"), new Env("WITH_REF")),
                List.of(Apps.required(dk.sdu.im.compute.app.ApplicationParameter.Type.TEXT, "g")), env, Map.of());
        String script = BatchScript.of(app, Map.of("g", new Text("it's $(id)\n"))).build();
        assertThat(script).contains("""
                export GREETING='it'\\''s $(id)
                '
                export JOINED='pre it'\\''s $(id)
                '
                export WITH_REF="${GREETING}"
                """);
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("it's $(id)\n", "pre it's $(id)\n", "it's $(id)\n");
    }

    @Test
    void environmentNamesAreValidated() {
        for (String bad : List.of("A B", "1A", "A=B", "X;id", "", "PATH\n")) {
            var app = new ApplicationInvocation(null, List.of(new Word("true")), List.of(),
                    Map.of(bad, new Word("v")), Map.of());
            assertThatThrownBy(() -> BatchScript.of(app, Map.of()).build())
                    .isInstanceOf(ScriptException.class)
                    .hasMessageContaining("is not a valid environment variable name");
        }
    }

    @Test
    void applicationDirectivesUseSbatchQuotingAndRefuseLineBreaks() {
        var app = new ApplicationInvocation(null, List.of(new Word("true")),
                List.of(Apps.required(dk.sdu.im.compute.app.ApplicationParameter.Type.TEXT, "c")), Map.of(),
                Map.of("constraint", Var.of("c")));
        assertThat(BatchScript.of(app, Map.of("c", new Text("a'b\\c #d"))).build())
                .contains("\n#SBATCH --constraint='a'\\''b\\\\c #d'\n");
        assertThatThrownBy(() -> BatchScript.of(app, Map.of("c", new Text("x\n#SBATCH --account=other"))).build())
                .hasMessage("sbatch directive 'constraint' contains a line break or NUL");
    }

    @Test
    void anApplicationMayNotSetOrAbbreviateTheSitesDirectives() {
        for (String name : List.of("account", "acc", "partition", "time", "cpus", "output")) {
            var app = new ApplicationInvocation(null, List.of(new Word("true")), List.of(), Map.of(),
                    Map.of(name, new Word("x")));
            assertThatThrownBy(() -> BatchScript.of(app, Map.of()).directives(CALLER).build())
                    .isInstanceOf(ScriptException.class)
                    .hasMessageStartingWith("the application may not set sbatch directive '" + name + "'");
        }
    }

    @Test
    void anApplicationDirectiveWithoutAValueIsLeftOutAndAnEmptyOneIsAFlag() {
        Map<String, InvocationParameter> sbatch = new LinkedHashMap<>();
        sbatch.put("gres", Var.of("missing"));
        sbatch.put("exclusive", new Word(""));
        var app = new ApplicationInvocation(null, List.of(new Word("true")),
                List.of(Apps.optional(dk.sdu.im.compute.app.ApplicationParameter.Type.TEXT, "missing")), Map.of(), sbatch);
        assertThat(BatchScript.of(app, Map.of()).build()).isEqualTo("#!/bin/bash\n#SBATCH --exclusive\n\n'true'\n");
    }

    @Test
    void callerDirectiveNamesAreChecked() {
        assertThatThrownBy(() -> SbatchDirective.of("time\n#x", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BatchScript.of(Apps.invocation(List.of(new Word("true")), List.of()), Map.of())
                .directives(List.of(SbatchDirective.flag("requeue"))).build())
                .isEqualTo("#!/bin/bash\n#SBATCH --requeue\n\n'true'\n");
    }
}

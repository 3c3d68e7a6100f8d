package dk.sdu.im.compute.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobJsonTest {
    private static String resource() throws Exception {
        try (var in = JobJsonTest.class.getResourceAsStream("/dk/sdu/im/compute/job-create.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTreeTheRequestWasParsedIntoGivesTheSameJobAsItsText() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resource());

        assertThat(new JobJson().parseJob(tree)).isEqualTo(new JobJson().parseJob(resource()));
    }

    @Test
    void parsesTheJobCoreSendsIgnoringUnknownFields() throws Exception {
        Job job = new JobJson().parseJob(resource());
        assertThat(job.id()).isEqualTo("4213");
        assertThat(job.application().metadata()).isEqualTo(new Application.Metadata("gromacs-batch", "2024.3"));
        ApplicationInvocation inv = job.application().invocation();
        assertThat(inv.invocation()).hasSize(8).first().isEqualTo(new InvocationParameter.Word("gmx"));
        assertThat(inv.invocation().get(4)).isEqualTo(
                new InvocationParameter.Var(List.of("deffnm"), "", "", "-deffnm=", "", true, false));
        assertThat(inv.invocation().get(6)).isEqualTo(new InvocationParameter.BoolFlag("verbose", "-v"));
        assertThat(inv.invocation().get(7)).isEqualTo(new InvocationParameter.Env("GMX_SCRATCH"));
        assertThat(inv.parameters()).extracting(ApplicationParameter::type).containsExactly(
                ApplicationParameter.Type.INPUT_FILE, ApplicationParameter.Type.INTEGER, ApplicationParameter.Type.TEXT,
                ApplicationParameter.Type.TEXT, ApplicationParameter.Type.BOOLEAN, ApplicationParameter.Type.README);
        assertThat(inv.environment().keySet()).containsExactly("GMX_SCRATCH", "OMP_NUM_THREADS");
        assertThat(inv.sbatch().keySet()).containsExactly("ntasks-per-node");
        assertThat(inv.loadInstructions()).contains(new LoadInstructions("Native",
                List.of(new LoadInstructions.NativeApplication("gromacs", "2024.3"))));
        assertThat(job.parameterValues().get("input")).isEqualTo(new AppParameterValue.File("/12/data/topol.tpr", true, ""));
        assertThat(job.parameterValues().get("threads")).isEqualTo(new AppParameterValue.Int(BigInteger.valueOf(8)));
        assertThat(job.parameterValues().get("verbose")).isEqualTo(new AppParameterValue.Bool(true));
        assertThat(job.parameterValues().get("licence")).isEqualTo(new AppParameterValue.Unsupported("license_server"));
    }

    @Test
    void valueTypesCoreAddsLaterParseAsUnsupported() throws Exception {
        String json = resource().replace("\"type\": \"license_server\"", "\"type\": \"quantum_link\"");
        assertThat(new JobJson().parseJob(json).parameterValues().get("licence"))
                .isEqualTo(new AppParameterValue.Unsupported("quantum_link"));
    }

    @Test
    void anUnknownInvocationParameterTypeFailsParsing() throws Exception {
        String json = resource().replace("{\"type\": \"word\", \"word\": \"mdrun\"}", "{\"type\": \"lua\", \"word\": \"x\"}");
        assertThatThrownBy(() -> new JobJson().parseJob(json)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aJobWithoutResolvedApplicationIsRefused() {
        assertThatThrownBy(() -> new JobJson().parseJob("{\"id\":\"1\",\"specification\":{},\"status\":{}}"))
                .isInstanceOf(JsonProcessingException.class);
    }
}

package dk.sdu.im.compute.script;

import static dk.sdu.im.compute.script.Apps.json;
import static dk.sdu.im.compute.script.Apps.optional;
import static dk.sdu.im.compute.script.Apps.param;
import static dk.sdu.im.compute.script.Apps.printing;
import static dk.sdu.im.compute.script.Apps.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.AppParameterValue.Bool;
import dk.sdu.im.compute.app.AppParameterValue.File;
import dk.sdu.im.compute.app.AppParameterValue.FloatingPoint;
import dk.sdu.im.compute.app.AppParameterValue.Int;
import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.AppParameterValue.Unsupported;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.app.ApplicationParameter.EnumOption;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import dk.sdu.im.compute.app.InvocationParameter.Var;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    private static List<String> run(ApplicationParameter p, Map<String, AppParameterValue> values) throws Exception {
        return run(p, values, FileResolver.none());
    }

    private static List<String> run(ApplicationParameter p, Map<String, AppParameterValue> values, FileResolver files)
            throws Exception {
        String script = BatchScript.of(printing(List.of(p), Var.of(p.name())), values).files(files).build();
        return Bash.nulSeparatedOutput(script);
    }

    @Test
    void numbersAreWrittenInPlainDecimal() throws Exception {
        assertThat(run(required(Type.INTEGER, "n"), Map.of("n", new Int(new BigInteger("123456789012345678901")))))
                .containsExactly("123456789012345678901");
        assertThat(run(required(Type.FLOATING_POINT, "f"), Map.of("f", new FloatingPoint(new BigDecimal("1.50")))))
                .containsExactly("1.5");
        assertThat(run(required(Type.FLOATING_POINT, "f"), Map.of("f", new FloatingPoint(new BigDecimal("2.0")))))
                .containsExactly("2");
        assertThat(run(required(Type.FLOATING_POINT, "f"), Map.of("f", new FloatingPoint(new BigDecimal("1E-7")))))
                .containsExactly("0.0000001");
    }

    @Test
    void booleansUseTheirTrueAndFalseWordsOrTrueAndFalse() throws Exception {
        var plain = required(Type.BOOLEAN, "b");
        assertThat(run(plain, Map.of("b", new Bool(true)))).containsExactly("true");
        assertThat(run(plain, Map.of("b", new Bool(false)))).containsExactly("false");
        var worded = new ApplicationParameter(Type.BOOLEAN, "b", false, null, "yes please", "no", List.of());
        assertThat(run(worded, Map.of("b", new Bool(true)))).containsExactly("yes please");
        assertThat(run(worded, Map.of("b", new Bool(false)))).containsExactly("no");
    }

    @Test
    void anEnumerationPassesTheChosenOptionsValue() throws Exception {
        var e = new ApplicationParameter(Type.ENUMERATION, "mode", false, null, "", "",
                List.of(new EnumOption("Fast", "--fast $(x)"), new EnumOption("Slow", "--slow")));
        assertThat(run(e, Map.of("mode", new Text("Fast")))).containsExactly("--fast $(x)");
        assertThat(run(e, Map.of("mode", new Text("Other")))).containsExactly("Other");
    }

    @Test
    void aFileIsTheResolversLocalPathQuoted() throws Exception {
        FileResolver files = path -> "/home/alice/drive 12" + path.substring(3);
        assertThat(run(required(Type.INPUT_FILE, "in"), Map.of("in", new File("/12/it's $(x).txt", true, "")), files))
                .containsExactly("/home/alice/drive 12/it's $(x).txt");
    }

    @Test
    void aFileTheResolverRefusesFailsTheScript() {
        assertThatThrownBy(() -> run(required(Type.INPUT_DIRECTORY, "d"), Map.of("d", new File("/99/x", false, ""))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("file parameters are not available here");
    }

    @Test
    void defaultsApplyWhenNoValueIsGivenBareOrWrapped() throws Exception {
        var mapper = new ObjectMapper();
        assertThat(run(param(Type.TEXT, "t", true, json("dflt value")), Map.of())).containsExactly("dflt value");
        assertThat(run(param(Type.INTEGER, "n", false, mapper.readTree("{\"type\":\"integer\",\"value\":4}")), Map.of()))
                .containsExactly("4");
        assertThat(run(param(Type.FLOATING_POINT, "f", false, mapper.readTree("{\"Value\":0.25}")), Map.of()))
                .containsExactly("0.25");
        assertThat(run(param(Type.BOOLEAN, "b", false, json(true)), Map.of())).containsExactly("true");
        assertThat(run(param(Type.TEXTAREA, "t", false, json("x")), Map.of("t", new Text("given")))).containsExactly("given");
    }

    @Test
    void aDefaultOfTheWrongShapeIsNoDefault() throws Exception {
        assertThat(run(param(Type.INTEGER, "n", true, json("4")), Map.of())).isEmpty();
        assertThat(run(param(Type.INTEGER, "n", true, json(4.5)), Map.of())).isEmpty();
        assertThatThrownBy(() -> run(param(Type.BOOLEAN, "b", false, json("true")), Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessage("required parameter 'b' has no value");
    }

    @Test
    void anOptionalParameterWithoutValueOrDefaultProducesNothing() throws Exception {
        assertThat(run(optional(Type.TEXT, "t"), Map.of())).isEmpty();
    }

    @Test
    void aMissingRequiredParameterIsAnErrorNamingIt() {
        assertThatThrownBy(() -> run(required(Type.INPUT_FILE, "topology"), Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessage("required parameter 'topology' has no value");
    }

    @Test
    void aRequiredParameterTheInvocationDoesNotUseMustStillHaveAValue() {
        var app = printing(List.of(required(Type.TEXT, "unused")));
        assertThatThrownBy(() -> BatchScript.of(app, Map.of()).build())
                .hasMessage("required parameter 'unused' has no value");
    }

    @Test
    void aValueOfTheWrongTypeIsAnErrorNamingTheParameter() {
        assertThatThrownBy(() -> run(required(Type.INTEGER, "n"), Map.of("n", new Text("8"))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("parameter 'n' expects a value of type integer but got text");
    }

    @Test
    void aTypeABatchScriptCannotUseIsRefusedWhenUsed() {
        assertThatThrownBy(() -> run(required(Type.PEER, "db"), Map.of("db", new Unsupported("peer"))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("parameter 'db' has type peer, which a batch script cannot use yet");
        assertThatThrownBy(() -> run(required(Type.LICENSE_SERVER, "lic"), Map.of("lic", new Unsupported("license_server"))))
                .hasMessage("parameter 'lic' has type license_server, which a batch script cannot use yet");
    }

    @Test
    void valuesForUndeclaredNamesAreIgnored() throws Exception {
        assertThat(run(optional(Type.TEXT, "t"), Map.of("_injected_x", new Text("5"), "other", new Unsupported("network"))))
                .isEmpty();
    }
}

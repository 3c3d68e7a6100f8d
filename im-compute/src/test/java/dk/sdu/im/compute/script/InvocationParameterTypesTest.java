package dk.sdu.im.compute.script;

import static dk.sdu.im.compute.script.Apps.optional;
import static dk.sdu.im.compute.script.Apps.printing;
import static dk.sdu.im.compute.script.Apps.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.AppParameterValue.Bool;
import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.ApplicationInvocation;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.app.InvocationParameter.BoolFlag;
import dk.sdu.im.compute.app.InvocationParameter.Env;
import dk.sdu.im.compute.app.InvocationParameter.Jinja;
import dk.sdu.im.compute.app.InvocationParameter.Var;
import dk.sdu.im.compute.app.InvocationParameter.Word;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationParameterTypesTest {

    private static String commandLine(ApplicationInvocation app, Map<String, AppParameterValue> values) {
        String script = BatchScript.of(app, values).build();
        String[] lines = script.split("\n");
        return lines[lines.length - 1];
    }

    private static List<String> run(ApplicationInvocation app, Map<String, AppParameterValue> values) throws Exception {
        return Bash.nulSeparatedOutput(BatchScript.of(app, values).build());
    }

    @Test
    void aWordIsItselfQuoted() throws Exception {
        var app = printing(List.of(), new Word("hello world"), new Word("$(id)"));
        assertThat(commandLine(app, Map.of())).isEqualTo("'printf' '%s\\0' '<args>' 'hello world' '$(id)'");
        assertThat(run(app, Map.of())).containsExactly("hello world", "$(id)");
    }

    @Test
    void aVarWithSeparatePrefixesGivesSeparateWords() throws Exception {
        Var v = new Var(List.of("a", "b"), " -G ", " -E ", " -p ", " -s ", false, false);
        var app = printing(List.of(required(Type.TEXT, "a"), required(Type.TEXT, "b")), v);
        assertThat(commandLine(app, Map.of("a", new Text("x"), "b", new Text("y"))))
                .isEqualTo("'printf' '%s\\0' '<args>' '-G' '-p' 'x' '-s' '-p' 'y' '-s' '-E'");
    }

    @Test
    void aVarWithPrefixAndSuffixPartOfTheArgumentGluesThem() throws Exception {
        Var v = new Var(List.of("a", "b"), "", "", "--in=", ",", true, true);
        var app = printing(List.of(required(Type.TEXT, "a"), required(Type.TEXT, "b")), v);
        assertThat(run(app, Map.of("a", new Text("x y"), "b", new Text("z"))))
                .containsExactly("--in=x y,", "--in=z,");
    }

    @Test
    void aVarWhoseValuesAreAllAbsentProducesNothingNotEvenItsGlobalPrefix() throws Exception {
        Var v = new Var(List.of("a"), "--flag", "", "", "", false, false);
        var app = printing(List.of(optional(Type.TEXT, "a")), new Word("first"), v, new Word("last"));
        assertThat(run(app, Map.of())).containsExactly("first", "last");
    }

    @Test
    void aVarSkipsOnlyTheAbsentValues() throws Exception {
        Var v = new Var(List.of("a", "b"), "", "", "-x", "", false, false);
        var app = printing(List.of(optional(Type.TEXT, "a"), optional(Type.TEXT, "b")), v);
        assertThat(run(app, Map.of("b", new Text("B")))).containsExactly("-x", "B");
    }

    @Test
    void aBoolFlagAppearsOnlyWhenTrue() throws Exception {
        var app = printing(List.of(optional(Type.BOOLEAN, "v")), new BoolFlag("v", " --verbose "));
        assertThat(run(app, Map.of("v", new Bool(true)))).containsExactly("--verbose");
        assertThat(run(app, Map.of("v", new Bool(false)))).isEmpty();
        assertThat(run(app, Map.of())).isEmpty();
    }

    @Test
    void aBoolFlagOnANonBooleanParameterIsRefused() {
        var app = printing(List.of(required(Type.TEXT, "v")), new BoolFlag("v", "-v"));
        assertThatThrownBy(() -> commandLine(app, Map.of("v", new Text("true"))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("bool_flag refers to parameter 'v', which is not a boolean");
    }

    @Test
    void anEnvReferenceExpandsAtRunTimeAsOneWord() throws Exception {
        var app = printing(List.of(), new Env("GREETING"));
        assertThat(commandLine(app, Map.of())).isEqualTo("'printf' '%s\\0' '<args>' \"${GREETING}\"");
        String script = "GREETING='two words $(id)'\n" + BatchScript.of(app, Map.of()).build();
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("two words $(id)");
    }

    @Test
    void anEnvReferenceWithAnInvalidNameIsRefused() {
        for (String bad : List.of("", "1X", "A-B", "A B", "X;id", "$(id)", "A}")) {
            var app = printing(List.of(), new Env(bad));
            assertThatThrownBy(() -> commandLine(app, Map.of()))
                    .isInstanceOf(ScriptException.class)
                    .hasMessageContaining("is not a valid environment variable name");
        }
    }

    @Test
    void aJinjaTemplateAmongOtherPartsIsTheOneWordItRenders() throws Exception {
        var app = printing(List.of(required(Type.TEXT, "x")), new Jinja("-x={{ x }}"));
        assertThat(commandLine(app, Map.of("x", new Text("a b")))).isEqualTo("'printf' '%s\\0' '<args>' '-x=a b'");
        assertThat(run(app, Map.of("x", new Text("a b")))).containsExactly("-x=a b");
    }

    @Test
    void anEmptyInvocationIsRefused() {
        var app = Apps.invocation(List.<InvocationParameter>of(), List.<ApplicationParameter>of());
        assertThatThrownBy(() -> commandLine(app, Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessage("the application's invocation is empty");
    }
}

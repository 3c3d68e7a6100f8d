package dk.sdu.im.compute.script;

import static dk.sdu.im.compute.script.Apps.printing;
import static dk.sdu.im.compute.script.Apps.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import dk.sdu.im.compute.app.InvocationParameter.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class QuotingTest {
    private static final String[] HOSTILE = {
        "it's", "say \"hi\"", "two words", "$(id)", "`id`", ";rm -rf /", "line1\nline2", "${HOME}", "a\\b",
        "'", "''", "\\'", "*", "-n", "", " lead and trail ", "tab\there", "ünïcødé ✓", "!!", "#not a comment",
        "x'; echo pwned; '",
    };

    static String[] hostile() {
        return HOSTILE.clone();
    }

    private static String scriptFor(String value) {
        return BatchScript.of(printing(List.of(required(Type.TEXT, "v")), Var.of("v")), Map.of("v", new Text(value)))
                .build();
    }

    @Test
    void aValueWithQuotesIsOneSingleQuotedWord() {
        assertThat(scriptFor("it's \"x\" $(id) `id`;rm -rf /"))
                .endsWith("\n'printf' '%s\\0' '<args>' 'it'\\''s \"x\" $(id) `id`;rm -rf /'\n");
    }

    @Test
    void aNewlineStaysInsideTheQuotes() {
        assertThat(scriptFor("a\nb")).endsWith("\n'printf' '%s\\0' '<args>' 'a\nb'\n");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void eachHostileValueArrivesAsExactlyOneArgument(String value) throws Exception {
        assertThat(Bash.nulSeparatedOutput(scriptFor(value))).containsExactly(value);
    }

    @Test
    void allHostileValuesTogetherArriveAsThatManyArguments() throws Exception {
        var names = new java.util.ArrayList<String>();
        var params = new java.util.ArrayList<dk.sdu.im.compute.app.ApplicationParameter>();
        var values = new java.util.HashMap<String, dk.sdu.im.compute.app.AppParameterValue>();
        for (int i = 0; i < HOSTILE.length; i++) {
            names.add("p" + i);
            params.add(required(Type.TEXT, "p" + i));
            values.put("p" + i, new Text(HOSTILE[i]));
        }
        Var all = new Var(names, "", "", "", "", false, false);
        String script = BatchScript.of(printing(params, all), values).build();
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly(HOSTILE);
    }

    @Test
    void nulInAValueIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> scriptFor("a\0b"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("parameter 'v' contains a NUL character");
    }

    @Test
    void nulInAnApplicationWordIsRefused() {
        var app = Apps.invocation(List.of(new dk.sdu.im.compute.app.InvocationParameter.Word("ec\0ho")), List.of());
        assertThatThrownBy(() -> BatchScript.of(app, Map.of()).build())
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void prefixesAndSuffixesGluedToAValueStayOneArgument() throws Exception {
        Var glued = new Var(List.of("v"), "", "", "--name=", "'", true, true);
        String script = BatchScript.of(printing(List.of(required(Type.TEXT, "v")), glued),
                Map.of("v", new Text("a b $(id)"))).build();
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("--name=a b $(id)'");
    }
}

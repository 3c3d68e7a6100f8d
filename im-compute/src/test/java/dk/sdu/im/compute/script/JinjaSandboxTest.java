package dk.sdu.im.compute.script;

import static dk.sdu.im.compute.script.Apps.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A template cannot read files, reach Java objects, or run or write without bound: each attempt fails fast. */
@Timeout(10)
class JinjaSandboxTest {
    private static final String FAILS = "the jinja template in the command line ";

    /** The command line the template renders, with one text parameter {@code v} = {@code value}. */
    private static String render(String template, String value) {
        String script = BatchScript.of(Apps.jinja(template, List.of(required(Type.TEXT, "v"))),
                Map.of("v", new Text(value))).build();
        return script.substring("#!/bin/bash\n\n".length());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rendering(String template) {
        return assertThatThrownBy(() -> render(template, "value")).isInstanceOf(ScriptException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{% include '/etc/passwd' %}", "{% import '/etc/passwd' as p %}", "{% from '/etc/passwd' import x %}",
        "{% extends '/etc/passwd' %}", "{% print v %}", "{% cycle v %}", "{% autoescape false %}{{ v }}{% endautoescape %}",
        "{% call m() %}x{% endcall %}"})
    void noTagReadsAFileOrWritesAValuePastTheQuoting(String template) {
        String tag = template.substring(3, template.indexOf(' ', 3));
        rendering(template).hasMessage(FAILS + "uses '" + tag + "', which templates may not use");
    }

    @ParameterizedTest
    @ValueSource(strings = {"safe", "render", "tojson", "pprint", "urldecode", "center(100000000)", "random"})
    void filtersThatUnquoteRenderRevealOrAreUnboundedAreUnavailable(String filter) {
        String name = filter.replaceAll("\\(.*", "");
        rendering("{{ v | " + filter + " }}").hasMessage(FAILS + "uses '" + name + "', which templates may not use");
    }

    @Test
    void aValueCannotBeRenderedAsATemplate() {
        assertThat(render("echo {{ v }}", "{{ ''.getClass() }}{% include '/etc/passwd' %}"))
                .isEqualTo("echo '{{ '\\'''\\''.getClass() }}{% include '\\''/etc/passwd'\\'' %}'\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{{ ''.getClass() }}", "{{ v.getClass().forName('java.lang.Runtime') }}", "{{ v.repeat(100000000) }}",
        "{{ v.getBytes() }}", "{{ range(3).getClass() }}", "{{ ____int3rpr3t3r____.getContext() }}",
        "{% for i in [1] %}{{ loop.getClass() }}{% endfor %}"})
    void noJavaMethodCanBeCalled(String template) {
        rendering(template).hasMessageStartingWith(FAILS + "has an error at line 1: ")
                .hasMessageContaining("is not available in templates");
    }

    @Test
    void theEnginesOwnObjectsCannotBeWritten() {
        rendering("{{ ____int3rpr3t3r____ }}")
                .hasMessage(FAILS + "has an error at line 1: cannot write the engine's JinjavaInterpreter object");
        rendering("{% for i in [1] %}{{ loop }}{% endfor %}")
                .hasMessage(FAILS + "has an error at line 1: cannot write the engine's ForLoop object");
    }

    @Test
    void noJavaPropertyCanBeRead() {
        assertThat(render("echo {{ v.class }}{{ v.bytes }}{{ ____int3rpr3t3r____.config }}{{ (v | list).class }}.", "x"))
                .isEqualTo("echo .\n");
    }

    @Test
    void aLoopCannotUnpackAnObjectByReflection() {
        rendering("{% for a, class in [v] %}{{ class }}{% endfor %}")
                .hasMessage(FAILS + "has an error at line 1: a for loop over several variables needs pairs or lists"
                        + " to unpack");
        assertThat(render("{% for k, val in {'a': v}.items() %}{{ k }}={{ val }}{% endfor %}", "x y"))
                .isEqualTo("'a'='x y'\n");
    }

    @Test
    void aHugeRangeFailsInsteadOfBeingCutShort() {
        rendering("{% for i in range(100000000) %}x{% endfor %}")
                .hasMessage(FAILS + "has an error at line 1: range of 100000000 numbers is over the limit of 10000");
    }

    @Test
    void nestedLoopsStopAtTheStepLimitEvenWithEmptyBodies() {
        rendering("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}done")
                .hasMessage(FAILS + "takes more than 200000 steps to render");
    }

    @Test
    void deepMacroRecursionStops() {
        rendering("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}")
                .hasMessageStartingWith(FAILS + "has an error at line 1: ")
                .hasMessageContaining("Max recursion limit of 20 reached for macro 'm'");
    }

    @Test
    void exponentialMacroCallsStopAtTheStepLimit() {
        rendering("{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(30) }}")
                .hasMessageMatching(FAILS + "takes (more than 200000 steps|longer than 2000 ms) to render");
    }

    @Test
    void outputBombsStopAtTheOutputLimit() {
        rendering("{% for i in range(10000) %}{{ v }}{{ v }}{{ v }}{{ v }}{{ v }}{% endfor %}"
                + "{% for i in range(10000) %}{{ v }}{{ v }}{{ v }}{{ v }}{{ v }}{% endfor %}"
                + "{% for i in range(10000) %}{{ v }}{{ v }}{{ v }}{{ v }}{{ v }}{% endfor %}")
                .hasMessage(FAILS + "writes more than 1048576 characters");
        rendering("{% set s = 'x' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}")
                .hasMessage(FAILS + "writes more than 1048576 characters");
        rendering("{{ 'x' * 100000000 }}").hasMessageStartingWith(FAILS + "has an error at line 1: ")
                .hasMessageContaining("Cannot coerce 'x'");
    }

    @Test
    void listBombsStopAtTheListLimit() {
        rendering("{% set l = [1] %}{% for i in range(40) %}{% set l = l + l %}{% endfor %}{{ l | length }}")
                .hasMessage(FAILS + "builds a list or map of more than 10000 entries");
        rendering("{% set l = [1] %}{% for i in range(40) %}{% do l.extend(l) %}{% endfor %}{{ l | length }}")
                .hasMessage(FAILS + "builds a list or map of more than 10000 entries");
    }

    @Test
    void aRenderingPastItsTimeStops() {
        var values = new TemplateValues(Map.of(), Map.of());
        var limits = new TemplateLimits(1 << 20, Integer.MAX_VALUE, Duration.ofMillis(50), 10_000, 20);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new JinjaTemplates(values, limits).script(
                "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "the command line"))
                .isInstanceOf(ScriptException.class)
                .hasMessage(FAILS + "takes longer than 50 ms to render");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}

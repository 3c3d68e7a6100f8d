package dk.sdu.im.compute.script;

import static dk.sdu.im.compute.script.Apps.json;
import static dk.sdu.im.compute.script.Apps.optional;
import static dk.sdu.im.compute.script.Apps.param;
import static dk.sdu.im.compute.script.Apps.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.compute.app.AppParameterValue;
import dk.sdu.im.compute.app.AppParameterValue.Bool;
import dk.sdu.im.compute.app.AppParameterValue.File;
import dk.sdu.im.compute.app.AppParameterValue.FloatingPoint;
import dk.sdu.im.compute.app.AppParameterValue.Int;
import dk.sdu.im.compute.app.AppParameterValue.Text;
import dk.sdu.im.compute.app.AppParameterValue.Unsupported;
import dk.sdu.im.compute.app.ApplicationInvocation;
import dk.sdu.im.compute.app.ApplicationParameter;
import dk.sdu.im.compute.app.ApplicationParameter.EnumOption;
import dk.sdu.im.compute.app.ApplicationParameter.Type;
import dk.sdu.im.compute.app.InvocationParameter;
import dk.sdu.im.compute.app.InvocationParameter.Jinja;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a jinja template sees and what it renders into (the sandbox's limits: {@link JinjaSandboxTest}). */
class JinjaTemplateTest {
    /** Prints each argument NUL-terminated after a marker: see {@link Apps#PRINT_ARGS}. */
    private static final String PRINT = "printf '%s\\0' '<args>' ";

    static String[] hostile() {
        return QuotingTest.hostile();
    }

    private static String script(String template, List<ApplicationParameter> parameters,
            Map<String, AppParameterValue> values) {
        return BatchScript.of(Apps.jinja(template, parameters), values).files(path -> "/work/alice" + path).build();
    }

    /** The lines after the header, that is what the template rendered. */
    private static String rendered(String template, List<ApplicationParameter> parameters,
            Map<String, AppParameterValue> values) {
        return script(template, parameters, values).substring("#!/bin/bash\n\n".length());
    }

    private static List<String> run(String template, List<ApplicationParameter> parameters,
            Map<String, AppParameterValue> values) throws Exception {
        return Bash.nulSeparatedOutput(script(template, parameters, values));
    }

    @Test
    void aTemplateThatIsTheWholeInvocationRendersTheCommandLinesAsWritten() {
        String template = """
                {# comment #}cd {{ dir }}
                {% for i in range(2) %}run --step {{ i }} {{ name }}
                {% endfor %}""";
        assertThat(script(template, List.of(required(Type.INPUT_DIRECTORY, "dir"), required(Type.TEXT, "name")),
                Map.of("dir", new File("/12/in", true, ""), "name", new Text("my run"))))
                .isEqualTo("#!/bin/bash\n\ncd '/work/alice/12/in'\nrun --step 0 'my run'\nrun --step 1 'my run'\n");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void eachHostileValueArrivesAsExactlyOneArgument(String value) throws Exception {
        assertThat(run(PRINT + "{{ v }} {{ v | upper | lower }} {{ v ~ '' }}", List.of(required(Type.TEXT, "v")),
                Map.of("v", new Text(value)))).containsExactly(value, value.toUpperCase().toLowerCase(), value);
    }

    @Test
    void aValueThatLooksLikeATemplateOrAQuoteEndIsNotInterpreted() throws Exception {
        String value = "{{ 7 * 7 }}{% raw %}'\"; $(id) `id` \\' x";
        assertThat(rendered("echo {{ v }}", List.of(required(Type.TEXT, "v")), Map.of("v", new Text(value))))
                .isEqualTo("echo '{{ 7 * 7 }}{% raw %}'\\''\"; $(id) `id` \\'\\'' x'\n");
        assertThat(run(PRINT + "{{ v }}", List.of(required(Type.TEXT, "v")), Map.of("v", new Text(value))))
                .containsExactly(value);
    }

    @Test
    void aValueWithALineBreakStaysOneArgument() throws Exception {
        assertThat(run(PRINT + "{{ v }}", List.of(required(Type.TEXTAREA, "v")), Map.of("v", new Text("a\nb; id\n"))))
                .containsExactly("a\nb; id\n");
    }

    @Test
    void textTextareaAndEnumerationAreTheirTextAsGiven() {
        var mode = new ApplicationParameter(Type.ENUMERATION, "mode", false, null, "", "",
                List.of(new EnumOption("Fast", "--fast")));
        var params = List.of(required(Type.TEXT, "t"), required(Type.TEXTAREA, "a"), mode);
        Map<String, AppParameterValue> values = Map.of("t", new Text("x y"), "a", new Text("l1\nl2"),
                "mode", new Text("Fast"));
        assertThat(rendered("{{ t }} {{ a }} {{ mode }}{% if mode == 'Fast' %} fast{% endif %}", params, values))
                .isEqualTo("'x y' 'l1\nl2' 'Fast' fast\n");
    }

    @Test
    void numbersAreNumbersAndWrittenBare() {
        var params = List.of(required(Type.INTEGER, "n"), required(Type.FLOATING_POINT, "f"));
        Map<String, AppParameterValue> values = Map.of("n", new Int(BigInteger.valueOf(8)),
                "f", new FloatingPoint(new BigDecimal("1.50")));
        assertThat(rendered("-n {{ n }} -h {{ n // 3 }} -q {{ n / 4 }} -f {{ f }} -g {{ f * 3 }} {{ (f * 2.25) | round(1) }}"
                + "{% if n > 4 and f < 2 %} big{% endif %}", params, values))
                .isEqualTo("-n 8 -h 2 -q 2 -f 1.5 -g 4.5 3.4 big\n");
    }

    @Test
    void booleansAreBooleansNotTheirWords() {
        var b = new ApplicationParameter(Type.BOOLEAN, "b", false, null, "yes please", "no", List.of());
        assertThat(rendered("{% if b %}on{% else %}off{% endif %} {{ b }} {{ not b }}", List.of(b),
                Map.of("b", new Bool(true)))).isEqualTo("on true false\n");
    }

    @Test
    void filesAndDirectoriesAreTheirLocalPathsQuoted() {
        var params = List.of(required(Type.INPUT_FILE, "src"), required(Type.INPUT_DIRECTORY, "out"));
        assertThat(rendered("cp {{ src }} {{ out }}/", params,
                Map.of("src", new File("/1/my file", true, ""), "out", new File("/1/o'ut", false, ""))))
                .isEqualTo("cp '/work/alice/1/my file' '/work/alice/1/o'\\''ut'/\n");
    }

    @Test
    void aMissingOptionalValueIsNoneAndWritesNothing() {
        var params = List.of(optional(Type.TEXT, "o"), optional(Type.INTEGER, "n"));
        String template = "run {{ o }}{% if o == None %}--no-o{% endif %} {{ n | default('none') }}"
                + "{% if o is defined %} defined{% endif %}";
        assertThat(rendered(template, params, Map.of())).isEqualTo("run --no-o 'none'\n");
        assertThat(rendered(template, params, Map.of("o", new Text("")))).isEqualTo("run '' 'none' defined\n");
    }

    @Test
    void aDefaultStandsInForAMissingValue() {
        var p = param(Type.INTEGER, "threads", true, json(4));
        assertThat(rendered("-t {{ threads }}", List.of(p), Map.of())).isEqualTo("-t 4\n");
    }

    @Test
    void theOptionFilterQuotesFlagAndValueAndWritesNothingForNone() throws Exception {
        var params = List.of(optional(Type.TEXT, "v"), optional(Type.INTEGER, "n"), optional(Type.TEXT, "missing"));
        Map<String, AppParameterValue> values = Map.of("v", new Text("a b'$(id)"), "n", new Int(BigInteger.valueOf(42)));
        String template = "{{ v | option('--file') }} {{ n | option('--count=') }} {{ n | option('-c', false) }}"
                + " {{ missing | option('--never') }}.";
        assertThat(rendered(template, params, values))
                .isEqualTo("'--file' 'a b'\\''$(id)' '--count=42' '-c42' .\n");
        assertThat(run(PRINT + template, params, values))
                .containsExactly("--file", "a b'$(id)", "--count=42", "-c42", ".");
    }

    @Test
    void inAWordTheOptionFiltersQuotesArePartOfTheWordAsCoresModuleWritesThem() throws Exception {
        String script = BatchScript.of(printingEnvironment("{{ v | option('-x') }}"), Map.of("v", new Text("it's"))).build();
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("'-x' 'it'\\''s'");
    }

    @Test
    void theFlagFilterGivesAFlagForTheTruthAndNothingForAnEmptyOne() {
        var params = List.of(required(Type.BOOLEAN, "yes"), required(Type.BOOLEAN, "no"));
        Map<String, AppParameterValue> values = Map.of("yes", new Bool(true), "no", new Bool(false));
        assertThat(rendered("{{ yes | flag('--yes', '--no') }} {{ no | flag('--yes', '--no') }} {{ no | flag('-v') }}.",
                params, values)).isEqualTo("'--yes' '--no' .\n");
    }

    @Test
    void ternaryPicksByTheCondition() {
        assertThat(rendered("{{ ternary(b, 'gpu', 'cpu') }} {{ ternary(not b, v, 'x') }}",
                List.of(required(Type.BOOLEAN, "b"), required(Type.TEXT, "v")),
                Map.of("b", new Bool(false), "v", new Text("a'b")))).isEqualTo("'cpu' 'a'\\''b'\n");
    }

    @Test
    void matchTestsTheWholeValueAndSearchAnyPartInRe2Syntax() {
        String template = "{{ v is match('[a-z]+') }} {{ v is match('ABC', ignorecase=true) }} {{ v is search('b') }}"
                + " {{ v is search('^c') }}";
        assertThat(rendered(template, List.of(required(Type.TEXT, "v")), Map.of("v", new Text("abc"))))
                .isEqualTo("true true true false\n");
        assertThatThrownBy(() -> rendered("{{ v is match('(') }}", List.of(required(Type.TEXT, "v")),
                Map.of("v", new Text("abc"))))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("the jinja template in the command line has an error at line 1: ")
                .hasMessageContaining("could not compile the regular expression");
    }

    @Test
    void aMacroWritesItsTextAsItIsWithTheValuesInItQuoted() throws Exception {
        String template = "{% macro opt(name, value) %}--{{ name }}={{ value }}{% endmacro %}"
                + PRINT + "{{ opt('in', v) }} {{ opt('out', 'o') }}";
        var params = List.of(required(Type.TEXT, "v"));
        assertThat(rendered(template, params, Map.of("v", new Text("x y"))))
                .isEqualTo(PRINT + "--'in'='x y' --'out'='o'\n");
        assertThat(run(template, params, Map.of("v", new Text("x y")))).containsExactly("--in=x y", "--out=o");
    }

    @Test
    void loopsGoOverListsMapKeysAndMapItemsAsInJinja() {
        assertThat(rendered("{% for k in {'b': 1} %}{{ k }}{% endfor %} {% for k, x in {'c': v}.items() %}{{ k }}={{ x }}"
                + "{% endfor %} {% for x in [v, 2] %}{{ loop.index }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}",
                List.of(required(Type.TEXT, "v")), Map.of("v", new Text("a b"))))
                .isEqualTo("'b' 'c'='a b' 1:'a b',2:2\n");
    }

    @Test
    void aListIsOneWordAsItPrints() {
        assertThat(rendered("{{ ['a', v] | join(' ') }} {{ [1, 2] }}", List.of(required(Type.TEXT, "v")),
                Map.of("v", new Text("b c")))).isEqualTo("'a b c' '[1, 2]'\n");
    }

    @Test
    void aTemplateAmongOtherInvocationPartsIsOneWordWithTheValuesInsideIt() throws Exception {
        var app = Apps.printing(List.of(required(Type.TEXT, "v")), new Jinja("--in={{ v }}{% if true %}!{% endif %}"));
        String script = BatchScript.of(app, Map.of("v", new Text("a 'b' $(id)"))).build();
        assertThat(script).endsWith(" '--in=a '\\''b'\\'' $(id)!'\n");
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("--in=a 'b' $(id)!");
    }

    /** An application that prints environment variable {@code X}, bound to {@code template}. */
    private static ApplicationInvocation printingEnvironment(String template) {
        return new ApplicationInvocation(null, List.of(new InvocationParameter.Word("printf"),
                new InvocationParameter.Word("%s\\0"), new InvocationParameter.Env("X")),
                List.of(required(Type.TEXT, "v")), Map.of("X", new Jinja(template)), Map.of());
    }

    @Test
    void anEnvironmentTemplateIsOneExportedWord() throws Exception {
        String script = BatchScript.of(printingEnvironment("{{ v | upper }} {{ v }}"), Map.of("v", new Text("it's"))).build();
        assertThat(script).contains("\nexport X='IT'\\''S it'\\''s'\n");
        assertThat(Bash.nulSeparatedOutput(script)).containsExactly("IT'S it's");
    }

    @Test
    void aDirectiveTemplateIsOneDirectiveValue() {
        var app = new ApplicationInvocation(null, List.of(new InvocationParameter.Word("true")),
                List.of(required(Type.INTEGER, "n")), Map.of(),
                Map.of("ntasks", new Jinja("{{ n * 2 }}"), "exclusive", new Jinja("")));
        assertThat(BatchScript.of(app, Map.of("n", new Int(BigInteger.TWO))).build())
                .contains("\n#SBATCH --ntasks='4'\n").contains("\n#SBATCH --exclusive\n");
        var newline = new ApplicationInvocation(null, List.of(new InvocationParameter.Word("true")), List.of(), Map.of(),
                Map.of("constraint", new Jinja("a\n#SBATCH --account=other")));
        assertThatThrownBy(() -> BatchScript.of(newline, Map.of()).build())
                .hasMessage("sbatch directive 'constraint' contains a line break or NUL");
    }

    @Test
    void nulInAValueIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> rendered("echo {{ v }}", List.of(required(Type.TEXT, "v")), Map.of("v", new Text("a\0b"))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("parameter 'v' contains a NUL character");
    }

    @Test
    void nulInTheTemplatesOwnTextIsRefused() {
        assertThatThrownBy(() -> rendered("echo a\0b", List.of(), Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessage("the jinja template in the command line writes a NUL character");
    }

    @Test
    void aTemplateThatRendersNothingIsAnEmptyInvocation() {
        assertThatThrownBy(() -> rendered("{% if false %}run{% endif %}\n  \n", List.of(), Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessage("the application's invocation is empty");
    }

    @Test
    void aParameterOfATypeTemplatesCannotUseFailsOnlyWhenUsed() {
        var params = List.of(required(Type.PEER, "p"), required(Type.TEXT, "t"));
        Map<String, AppParameterValue> values = Map.of("p", new Unsupported("peer"), "t", new Text("x"));
        assertThat(rendered("run {{ t }}", params, values)).isEqualTo("run 'x'\n");
        assertThatThrownBy(() -> rendered("run --host {{ p }}", params, values))
                .isInstanceOf(ScriptException.class)
                .hasMessage("the jinja template in the command line uses parameter 'p', which has type peer,"
                        + " which a batch script cannot use yet");
    }

    @Test
    void anIntegerBeyond64BitsFailsWhenUsed() {
        var params = List.of(required(Type.INTEGER, "n"));
        Map<String, AppParameterValue> values = Map.of("n", new Int(new BigInteger("123456789012345678901")));
        assertThat(rendered("run", params, values)).isEqualTo("run\n");
        assertThatThrownBy(() -> rendered("run {{ n }}", params, values))
                .hasMessage("the jinja template in the command line uses parameter 'n', which is an integer beyond"
                        + " 64 bits, which templates do not compute with");
    }

    @Test
    void theJobMetadataAndTheSiteHooksOfCoresModuleAreRefusedNotIgnored() {
        assertThatThrownBy(() -> rendered("run {{ ucloud.jobId }}", List.of(), Map.of()))
                .hasMessage("the jinja template in the command line uses 'ucloud' (the job's metadata),"
                        + " which this integration does not provide yet");
        assertThatThrownBy(() -> rendered("{- applicationLoad -}\nrun", List.of(), Map.of()))
                .hasMessage("the jinja template in the command line uses the site hook {- applicationLoad -},"
                        + " which this integration does not offer");
        assertThatThrownBy(() -> rendered("{{ sbatch('mem', 10) }}run", List.of(), Map.of()))
                .hasMessageStartingWith("the jinja template in the command line has an error at line 1: ")
                .hasMessageContaining("'sbatch'");
    }

    @Test
    void errorsNameTheTemplateTheProblemAndTheLine() {
        assertThatThrownBy(() -> rendered("run\n{% if %}x{% endif %}", List.of(), Map.of()))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("the jinja template in the command line has an error at line 2: ")
                .hasMessageContaining("'if'");
        assertThatThrownBy(() -> rendered("run {{ 'x' | nosuch }}", List.of(), Map.of()))
                .hasMessage("the jinja template in the command line uses unknown filter 'nosuch'");
        assertThatThrownBy(() -> rendered("run {{ 'x' is nosuch }}", List.of(), Map.of()))
                .hasMessage("the jinja template in the command line uses unknown test 'nosuch'");
        assertThatThrownBy(() -> rendered("run {% set x %}a{% endset %}", List.of(), Map.of()))
                .hasMessageContaining("only {% set name = expression %} is available");
        var env = new ApplicationInvocation(null, List.of(new InvocationParameter.Word("true")), List.of(),
                Map.of("X", new Jinja("{{ 1 + }}")), Map.of());
        assertThatThrownBy(() -> BatchScript.of(env, Map.of()).build())
                .hasMessageStartingWith("the jinja template in environment variable X has an error at line 1: ");
    }
}

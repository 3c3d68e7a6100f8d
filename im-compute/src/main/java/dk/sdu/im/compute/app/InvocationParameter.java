package dk.sdu.im.compute.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One element of an application's invocation (or of its {@code environment} and {@code sbatch} maps),
 * tagged by {@code type} as Core writes it. An unknown type fails parsing: a command line that cannot be
 * built in full must not be built at all.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InvocationParameter.Word.class, name = "word"),
    @JsonSubTypes.Type(value = InvocationParameter.Var.class, name = "var"),
    @JsonSubTypes.Type(value = InvocationParameter.BoolFlag.class, name = "bool_flag"),
    @JsonSubTypes.Type(value = InvocationParameter.Env.class, name = "env"),
    @JsonSubTypes.Type(value = InvocationParameter.Jinja.class, name = "jinja"),
})
public sealed interface InvocationParameter {

    /** A literal word of the application's, such as the program name. */
    record Word(String word) implements InvocationParameter {
        public Word {
            word = word == null ? "" : word;
        }
    }

    /**
     * The values of the named parameters, with optional words around each value and around them all.
     * The prefixes and suffixes are trimmed of spaces (as Core's modules do); a prefix or suffix "part of
     * the argument" is glued to the value, otherwise it is a word of its own.
     */
    record Var(
            @JsonProperty("variableNames") List<String> variableNames,
            @JsonProperty("prefixGlobal") String prefixGlobal,
            @JsonProperty("suffixGlobal") String suffixGlobal,
            @JsonProperty("prefixVariable") String prefixVariable,
            @JsonProperty("suffixVariable") String suffixVariable,
            @JsonProperty("isPrefixVariablePartOfArg") boolean prefixVariablePartOfArg,
            @JsonProperty("isSuffixVariablePartOfArg") boolean suffixVariablePartOfArg) implements InvocationParameter {
        public Var {
            variableNames = variableNames == null ? List.of() : List.copyOf(variableNames);
            prefixGlobal = trimSpaces(prefixGlobal);
            suffixGlobal = trimSpaces(suffixGlobal);
            prefixVariable = trimSpaces(prefixVariable);
            suffixVariable = trimSpaces(suffixVariable);
        }

        /** A plain {@code var} of one parameter, nothing around it. */
        public static Var of(String name) {
            return new Var(List.of(name), "", "", "", "", false, false);
        }

        private static String trimSpaces(String s) {
            if (s == null) {
                return "";
            }
            int start = 0;
            int end = s.length();
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
            while (end > start && s.charAt(end - 1) == ' ') {
                end--;
            }
            return s.substring(start, end);
        }
    }

    /** {@code flag} (trimmed) when the named boolean parameter is true, nothing otherwise. */
    record BoolFlag(String variableName, String flag) implements InvocationParameter {
        public BoolFlag {
            variableName = variableName == null ? "" : variableName;
            flag = flag == null ? "" : flag.strip();
        }
    }

    /** A reference to an environment variable of the job, expanded by the shell when the job runs. */
    record Env(String variable) implements InvocationParameter {
        public Env {
            variable = variable == null ? "" : variable;
        }
    }

    /** A Jinja template. */
    record Jinja(String template) implements InvocationParameter {
        public Jinja {
            template = template == null ? "" : template;
        }
    }
}

package dk.sdu.im.compute.app;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A parameter the application declares ({@code invocation.parameters}).
 *
 * @param type         what kind of value it takes
 * @param name         the name values and invocation parameters refer to it by
 * @param optional     whether the job may lack a value (and a default)
 * @param defaultValue the default as Core stores it: the bare value or {@code {"value": ...}}; null if none
 * @param trueValue    for {@code boolean}: the word for true (empty means {@code true})
 * @param falseValue   for {@code boolean}: the word for false (empty means {@code false})
 * @param options      for {@code enumeration}: option name (what the user picks) to the word passed
 */
public record ApplicationParameter(
        Type type,
        String name,
        boolean optional,
        JsonNode defaultValue,
        String trueValue,
        String falseValue,
        List<EnumOption> options) {

    public ApplicationParameter {
        Objects.requireNonNull(name, "parameter.name");
        type = type == null ? Type.UNKNOWN : type;
        trueValue = trueValue == null ? "" : trueValue;
        falseValue = falseValue == null ? "" : falseValue;
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** One choice of an {@code enumeration}. */
    public record EnumOption(String name, String value) {
    }

    /** The parameter types Core defines; {@link #UNKNOWN} stands for any type added later. */
    public enum Type {
        @JsonProperty("input_file") INPUT_FILE,
        @JsonProperty("input_directory") INPUT_DIRECTORY,
        @JsonProperty("text") TEXT,
        @JsonProperty("textarea") TEXTAREA,
        @JsonProperty("integer") INTEGER,
        @JsonProperty("boolean") BOOLEAN,
        @JsonProperty("enumeration") ENUMERATION,
        @JsonProperty("floating_point") FLOATING_POINT,
        @JsonProperty("peer") PEER,
        @JsonProperty("license_server") LICENSE_SERVER,
        @JsonProperty("ingress") INGRESS,
        @JsonProperty("network_ip") NETWORK_IP,
        @JsonProperty("workflow") WORKFLOW,
        @JsonProperty("readme") README,
        @JsonProperty("modules") MODULES,
        @JsonProperty("private_network") PRIVATE_NETWORK,
        @JsonEnumDefaultValue UNKNOWN
    }
}

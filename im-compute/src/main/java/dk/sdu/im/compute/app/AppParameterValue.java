package dk.sdu.im.compute.app;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A value the user gave for one parameter ({@code specification.parameters}), tagged by {@code type}.
 * Only the types a batch script can use are modelled; every other type, known to Core or added later,
 * parses as {@link Unsupported} so that a job carrying one still parses, and is refused only if its
 * invocation needs the value.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = AppParameterValue.Unsupported.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = AppParameterValue.Text.class, name = "text"),
    @JsonSubTypes.Type(value = AppParameterValue.Int.class, name = "integer"),
    @JsonSubTypes.Type(value = AppParameterValue.FloatingPoint.class, name = "floating_point"),
    @JsonSubTypes.Type(value = AppParameterValue.Bool.class, name = "boolean"),
    @JsonSubTypes.Type(value = AppParameterValue.File.class, name = "file"),
})
public sealed interface AppParameterValue {

    /** The {@code type} Core wrote. */
    String type();

    /** {@code text}: also the value of {@code textarea} and {@code enumeration} parameters. */
    record Text(String value) implements AppParameterValue {
        public Text {
            value = value == null ? "" : value;
        }

        @Override
        public String type() {
            return "text";
        }
    }

    /** {@code integer}: any size, as Core wrote it. */
    record Int(BigInteger value) implements AppParameterValue {
        @Override
        public String type() {
            return "integer";
        }
    }

    /** {@code floating_point}: kept exactly as Core wrote it, never through a double. */
    record FloatingPoint(BigDecimal value) implements AppParameterValue {
        @Override
        public String type() {
            return "floating_point";
        }
    }

    /** {@code boolean}. */
    record Bool(boolean value) implements AppParameterValue {
        @Override
        public String type() {
            return "boolean";
        }
    }

    /** {@code file}: a UCloud path, which the caller maps to a local one. */
    record File(String path, boolean readOnly, String mountPath) implements AppParameterValue {
        public File {
            path = path == null ? "" : path;
            mountPath = mountPath == null ? "" : mountPath;
        }

        @Override
        public String type() {
            return "file";
        }
    }

    /**
     * Any other type: {@code peer}, {@code license_server}, {@code network}, {@code block_storage},
     * {@code ingress}, {@code private_network}, {@code modules}, {@code workflow}, {@code api_server} or one
     * Core adds later. None of them has a meaning in a batch script yet.
     */
    record Unsupported(String type) implements AppParameterValue {
        public Unsupported {
            type = type == null ? "" : type;
        }
    }
}

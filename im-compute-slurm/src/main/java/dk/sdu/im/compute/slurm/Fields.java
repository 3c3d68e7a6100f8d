package dk.sdu.im.compute.slurm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One JSON object of Slurm's output with the path it was found at, so that every refusal names its field.
 * Required reads throw {@link SlurmJsonException}; optional reads treat absent and {@code null} alike.
 */
record Fields(JsonNode node, String path) {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The top-level object of a whole document; {@code jobs} and {@code errors} are checked by the callers. */
    static Fields document(String json, String what) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new SlurmJsonException(what + ": not a JSON object");
            }
            return new Fields(root, what);
        } catch (JacksonException e) {
            throw new SlurmJsonException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    Fields object(String name) {
        JsonNode child = present(name);
        if (!child.isObject()) {
            throw wrong(name, "an object");
        }
        return new Fields(child, at(name));
    }

    Optional<Fields> optionalObject(String name) {
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(object(name));
    }

    /** The elements of a required array, each expected to be an object. */
    List<Fields> objects(String name) {
        JsonNode child = present(name);
        if (!child.isArray()) {
            throw wrong(name, "an array");
        }
        var out = new ArrayList<Fields>();
        for (int i = 0; i < child.size(); i++) {
            String where = at(name) + "[" + i + "]";
            if (!child.get(i).isObject()) {
                throw new SlurmJsonException(where + ": expected an object");
            }
            out.add(new Fields(child.get(i), where));
        }
        return out;
    }

    String text(String name) {
        JsonNode child = present(name);
        if (!child.isTextual()) {
            throw wrong(name, "a string");
        }
        return child.asText();
    }

    Optional<String> optionalText(String name) {
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(text(name));
    }

    long integer(String name) {
        JsonNode child = present(name);
        if (!child.isIntegralNumber() || !child.canConvertToLong()) {
            throw wrong(name, "an integer");
        }
        return child.asLong();
    }

    OptionalLong optionalInteger(String name) {
        JsonNode child = node.get(name);
        return child == null || child.isNull() ? OptionalLong.empty() : OptionalLong.of(integer(name));
    }

    int smallInteger(String name) {
        long value = integer(name);
        if (value != (int) value) {
            throw wrong(name, "a 32-bit integer");
        }
        return (int) value;
    }

    String at(String name) {
        return path + "." + name;
    }

    private JsonNode present(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new SlurmJsonException(at(name) + ": missing");
        }
        return child;
    }

    private SlurmJsonException wrong(String name, String expected) {
        return new SlurmJsonException(at(name) + ": expected " + expected + ", got " + node.get(name).getNodeType());
    }
}

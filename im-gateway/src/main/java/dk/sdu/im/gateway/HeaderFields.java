package dk.sdu.im.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The header fields of one message, in order, with names matched case-insensitively. Immutable: the
 * gateway derives the forwarded fields with {@link #without} and {@link #plus}.
 */
record HeaderFields(List<HeaderField> fields) {
    HeaderFields {
        fields = List.copyOf(fields);
    }

    static HeaderFields parse(List<String> lines) throws BadHead {
        List<HeaderField> fields = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                throw BadHead.malformed("obsolete line folding");
            }
            fields.add(HeaderField.parse(line));
        }
        return new HeaderFields(fields);
    }

    /** Every value of the named field, in order. */
    List<String> values(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.is(lower)).map(HeaderField::value).toList();
    }

    /** The value of a field that must occur at most once; a repeated field is malformed. */
    Optional<String> single(String name) throws BadHead {
        List<String> values = values(name);
        if (values.size() > 1) {
            throw BadHead.malformed("repeated header " + name);
        }
        return values.stream().findFirst();
    }

    /** Whether a comma-separated list field (e.g. {@code Connection}) contains a token. */
    boolean hasToken(String name, String token) {
        return values(name).stream()
                .flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(t -> HeaderField.withoutOptionalWhitespace(t).equalsIgnoreCase(token));
    }

    /** These fields without the named ones; names given in lower case. */
    HeaderFields without(Set<String> lowerCaseNames) {
        return new HeaderFields(fields.stream()
                .filter(f -> !lowerCaseNames.contains(f.name().toLowerCase(Locale.ROOT))).toList());
    }

    HeaderFields plus(String name, String value) {
        List<HeaderField> more = new ArrayList<>(fields);
        more.add(new HeaderField(name, value));
        return new HeaderFields(more);
    }

    void appendTo(StringBuilder head) {
        for (HeaderField field : fields) {
            head.append(field.name()).append(": ").append(field.value()).append("\r\n");
        }
    }
}

package dk.sdu.im.config;

import java.util.Objects;

/**
 * The unit UCloud shows usage in (key {@code accountingUnit} of a product category).
 *
 * @param name singular name, e.g. {@code Core hour}. Required.
 * @param namePlural plural name, e.g. {@code Core hours}. Default: {@code name}.
 * @param floatingPoint whether amounts have decimals. Default: {@code false}.
 * @param displayFrequencySuffix whether UCloud appends the accounting period (e.g. "per hour").
 *     Default: {@code false}.
 */
public record AccountingUnit(String name, String namePlural, boolean floatingPoint, boolean displayFrequencySuffix) {
    static final Keys KEYS = Keys.of("name", "namePlural", "floatingPoint", "displayFrequencySuffix");

    public AccountingUnit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namePlural, "namePlural");
    }

    static AccountingUnit read(YamlSection yaml) throws ConfigException {
        String name = yaml.string("name");
        return new AccountingUnit(name, yaml.optionalValue("namePlural", text -> text).orElse(name),
                yaml.bool("floatingPoint", false), yaml.bool("displayFrequencySuffix", false));
    }
}

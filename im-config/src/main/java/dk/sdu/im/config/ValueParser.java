package dk.sdu.im.config;

/**
 * Turns the non-empty text of one YAML scalar into a typed, validated value.
 *
 * @param <T> the value's type
 */
@FunctionalInterface
interface ValueParser<T> {
    /** @throws InvalidValue when the text does not have the expected form; never echo the text in it */
    T parse(String text) throws InvalidValue;
}

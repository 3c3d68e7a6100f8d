/**
 * The configuration directory of the integration module, read once at startup into immutable records.
 *
 * <p>{@link dk.sdu.im.config.ImConfig#load} reads {@code config.yml} (world-readable: every process may
 * read it) and {@link dk.sdu.im.config.Secrets#load} reads {@code secrets.yml} (readable only by the
 * service user; only IM/Server reads it, and refuses a file that group or others can access). Each
 * process validates its configuration before it opens any socket; nothing here changes afterwards.
 *
 * <p>Every problem is a {@link dk.sdu.im.config.ConfigException} naming file, line and column and how to
 * fix it. Unknown and duplicate keys are errors, and invalid security settings (a public listen address,
 * uid 0, mapping to {@code root}, a loosely protected secrets file) are rejected, never coerced.
 *
 * <p>Trust: the files are written by the site's administrators and are trusted once validated; until
 * then they are only text. Messages about {@code secrets.yml} never contain a value from it.
 *
 * <p>The YAML reader ({@code YamlFile}, {@code YamlSection}) is package-private; the Javadoc of each
 * record component is the configuration reference, together with the annotated {@code etc/config.yml}
 * shipped by {@code im-dist}.
 */
package dk.sdu.im.config;

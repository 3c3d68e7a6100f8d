package dk.sdu.im.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML configuration file: reads it into a node tree with SnakeYAML's composer (never its object
 * construction, so no type tags are acted on) and turns positions into {@link ConfigException}s.
 *
 * <p>Trust: the text is untrusted until the typed readers accept it. SnakeYAML's default
 * {@link LoaderOptions} bound alias expansion, nesting depth and size; the file itself is capped at
 * {@value #MAX_BYTES} bytes. When {@code sensitive}, no message quotes anything from the file.
 *
 * @param path the file, absolute
 * @param sensitive whether the file holds secrets whose values must never appear in messages
 * @param problems where problems that need not stop the reading go (unknown and duplicate keys)
 */
record YamlFile(Path path, boolean sensitive, Problems problems) {
    static final int MAX_BYTES = 1 << 20;
    private static final int MAX_SHOWN = 80;

    /** A file read to its first problem. */
    YamlFile(Path path, boolean sensitive) {
        this(path, sensitive, Problems.throwing());
    }

    /** Reads the file and returns its top-level mapping, which may contain only {@code keys}. */
    YamlSection read(Keys keys, OpenOption... options) throws ConfigException {
        return parse(readText(options), keys);
    }

    /** Parses {@code text} as this file's content. */
    YamlSection parse(String text, Keys keys) throws ConfigException {
        Node root = compose(text);
        if (root == null) {
            return YamlSection.empty(this, "", new Mark(path.toString(), 0, 0, 0, new int[0], 0), keys);
        }
        if (!(root instanceof MappingNode mapping)) {
            throw error(root, "the file must be a mapping of sections (key: value lines), but is "
                    + describe(root) + ". Start the file with the top-level keys, e.g. 'provider:'.");
        }
        return YamlSection.of(this, "", mapping, keys);
    }

    ConfigException error(Mark mark, String problem) {
        return new ConfigException(path, mark.getLine() + 1, mark.getColumn() + 1, problem);
    }

    ConfigException error(Node node, String problem) {
        return error(node.getStartMark(), problem);
    }

    ConfigException fileError(String problem) {
        return new ConfigException(path, 1, 1, problem);
    }

    /** How a scalar value appears in a message: quoted and shortened, or hidden in a sensitive file. */
    String show(String value) {
        if (sensitive) {
            return "a hidden value of " + value.length() + " characters";
        }
        StringBuilder shown = new StringBuilder("'");
        value.codePoints().limit(MAX_SHOWN).forEach(c -> shown.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return shown.append(value.length() > MAX_SHOWN ? "…'" : "'").toString();
    }

    /** Describes a node whose kind is wrong: "a mapping", "a list" or the scalar's value. */
    String describe(Node node) {
        return switch (node) {
            case MappingNode ignored -> "a mapping";
            case SequenceNode ignored -> "a list";
            case ScalarNode scalar -> show(scalar.getValue());
            default -> "a " + node.getNodeId();
        };
    }

    private Node compose(String text) throws ConfigException {
        try {
            // The composer alone, as Yaml.compose uses it: a Yaml object would also build a constructor and a
            // representer that a node tree never needs (a fresh IM/User pays for them at every start).
            LoaderOptions options = new LoaderOptions();
            return new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw fileError("the file is not valid YAML" + (sensitive ? "" : " (" + e.getMessage().strip() + ")")
                    + ". Simplify it: this configuration needs no anchors, aliases or tags.");
        }
    }

    private ConfigException syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String what = sensitive ? "invalid YAML syntax" : "invalid YAML syntax: " + syntaxProblem(e);
        String fix = ". Indent with spaces (never tabs), put a space after ':' and quote values that"
                + " contain ': ' or start with a special character such as *, &, !, %, { or [.";
        return mark == null ? fileError(what + fix) : error(mark, what + fix);
    }

    private static String syntaxProblem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "unexpected content" : e.getProblem().strip();
        Mark context = e.getContextMark();
        if (e.getContext() == null || context == null) {
            return problem;
        }
        return e.getContext().strip() + " at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1)
                + ": " + problem;
    }

    private String readText(OpenOption... options) throws ConfigException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path, options)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw fileError("the configuration file " + path + " does not exist. Create it (the distribution"
                    + " ships an annotated example in etc/), or give the IM the right configuration directory.");
        } catch (IOException e) {
            throw fileError("the file cannot be read (" + reason(e) + "). Make it readable by the user the IM runs as.");
        }
        if (bytes.length > MAX_BYTES) {
            throw fileError("the file is larger than " + MAX_BYTES + " bytes. A configuration file is far smaller;"
                    + " check that this is the right file.");
        }
        return decode(bytes);
    }

    private String decode(byte[] bytes) throws ConfigException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw fileError("the file is not valid UTF-8. Save it with UTF-8 encoding.");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName();
    }
}

package dk.sdu.im.user.files;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link FileNameTest}, under whatever locale the test gives it: prints the text of each
 * entry of the folder {@code args[0]} (non-ASCII as {@code \\uXXXX}, so the output's charset does not matter), then
 * creates a file in it for each further argument, a text given as {@code \\uXXXX} escapes too.
 */
public final class FileNameProbe {
    private FileNameProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                System.out.println(escape(FileName.textOf(entry)));
            }
        }
        for (int i = 1; i < args.length; i++) {
            Files.createFile(folder.resolve(FileName.parse(unescape(args[i])).path()));
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x80 && c != '\\' ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }

    static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(escaped.charAt(i));
            }
        }
        return out.toString();
    }
}

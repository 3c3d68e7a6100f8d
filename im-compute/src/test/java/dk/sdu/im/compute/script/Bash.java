package dk.sdu.im.compute.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script with /bin/bash (script on stdin) and returns what it printed, split at NUL bytes. */
final class Bash {
    /** A first argument {@link #nulSeparatedOutput} drops: see {@link Apps#PRINT_ARGS}. */
    static final String MARKER = "<args>";

    private Bash() {
    }

    static List<String> nulSeparatedOutput(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/bash", "-s").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("bash failed: " + new String(out, StandardCharsets.UTF_8));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.endsWith("\0")) {
            throw new AssertionError("output not NUL-terminated: " + text);
        }
        List<String> words = Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
        return words.getFirst().equals(MARKER) ? words.subList(1, words.size()) : words;
    }
}

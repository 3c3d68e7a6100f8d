package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routes map inside a running HAProxy, read and changed through its runtime API. Keys are {@code ucloud-username}
 * header values (standard base64), values loopback ports. Every answer is checked: anything but the documented
 * success is an {@link UnexpectedAnswer}, and the caller sends every route again later.
 *
 * <p>Answers relied on (HAProxy 2.6): success is an empty answer; {@code set map} of a missing key says
 * {@code entry not found.}; {@code del map} of one says {@code Key not found.}; {@code prepare map} says
 * {@code New version created: N}; {@code show map FILE} lists {@code <ref> <key> <value>} lines.
 */
final class RoutesMap {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/=]+");
    private static final Pattern VERSION = Pattern.compile("New version created: (\\d+)");

    private final RuntimeApi api;
    private final Path file;

    RoutesMap(RuntimeApi api, Path file) {
        this.api = api;
        this.file = file;
    }

    /** HAProxy's answer was not the one a success gives. */
    static final class UnexpectedAnswer extends IOException {
        UnexpectedAnswer(String command, String answer) {
            super("HAProxy answered " + quote(answer) + " to '" + command + "'");
        }
    }

    /** Points {@code key} at {@code port}: the entry is changed if HAProxy has it, else added (never twice). */
    void put(String key, int port) throws IOException {
        String answer = api.send("set map " + file + " " + checked(key) + " " + port);
        if (answer.equals("entry not found.")) {
            expectEmpty("add map " + file + " " + key + " " + port);
        } else if (!answer.isEmpty()) {
            throw new UnexpectedAnswer("set map", answer);
        }
    }

    /** Removes every entry of {@code key}; one that is already gone is fine. */
    void remove(String key) throws IOException {
        String command = "del map " + file + " " + checked(key);
        String answer = api.send(command);
        if (!answer.isEmpty() && !answer.equals("Key not found.")) {
            throw new UnexpectedAnswer(command, answer);
        }
    }

    /** Replaces the whole map at once (prepare, add to the new version, commit): no moment without a route. */
    void replaceAll(Map<String, Integer> routes) throws IOException {
        String prepared = api.send("prepare map " + file);
        var matcher = VERSION.matcher(prepared);
        if (!matcher.matches()) {
            throw new UnexpectedAnswer("prepare map", prepared);
        }
        String version = "@" + matcher.group(1);
        for (var route : routes.entrySet()) {
            expectEmpty("add map " + version + " " + file + " " + checked(route.getKey()) + " " + route.getValue());
        }
        expectEmpty("commit map " + version + " " + file);
    }

    /** The entries HAProxy holds now; empty if a key is there twice or a line is not an entry (then it is not in step). */
    Optional<Map<String, Integer>> entries() throws IOException {
        String answer = api.send("show map " + file);
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (String line : answer.lines().filter(l -> !l.isBlank()).toList()) {
            String[] fields = line.strip().split(" ");
            if (fields.length != 3 || !fields[0].startsWith("0x") || !fields[2].matches("[0-9]{1,5}")) {
                throw new UnexpectedAnswer("show map", answer);
            }
            if (entries.put(fields[1], Integer.parseInt(fields[2])) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(entries);
    }

    private void expectEmpty(String command) throws IOException {
        String answer = api.send(command);
        if (!answer.isEmpty()) {
            throw new UnexpectedAnswer(command.substring(0, command.indexOf(' ', command.indexOf(' ') + 1)), answer);
        }
    }

    private static String checked(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a base64 route key: " + key);
        }
        return key;
    }

    private static String quote(String answer) {
        String line = answer.lines().findFirst().orElse("");
        return "'" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + "'";
    }
}

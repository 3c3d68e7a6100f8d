package dk.sdu.im.testkit.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of IM/Server's metrics listener as Prometheus makes it, parsed from the text format (version 0.0.4): the
 * declared families with their types, and every sample by name and label set. Strict enough to fail on a malformed
 * line. Used by IM/Server's tests and the system tier.
 */
public record Scrape(Map<String, String> types, Map<String, Map<Map<String, String>, Double>> samples) {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    public static Scrape of(int port) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200 || !reply.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4")) {
                throw new IllegalStateException("not a Prometheus text scrape: " + reply.statusCode() + " " + reply.headers().map());
            }
            return parse(reply.body());
        }
    }

    public static Scrape parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Map<Map<String, String>, Double>> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] words = line.split(" ");
                types.put(words[2], words[3]);
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                Matcher sample = SAMPLE.matcher(line);
                if (!sample.matches()) {
                    throw new IllegalStateException("malformed sample line: " + line);
                }
                samples.computeIfAbsent(sample.group(1), n -> new HashMap<>()).put(labels(sample.group(3)), number(sample.group(4)));
            }
        }
        return new Scrape(types, samples);
    }

    /** The sample with exactly these labels (pairs of name and value), or 0 when the scrape has none. */
    public double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.getOrDefault(name, Map.of()).getOrDefault(wanted, 0.0);
    }

    /** The sum of every sample of {@code name} whose labels include these. */
    public double sum(String name, String... labels) {
        return samples.getOrDefault(name, Map.of()).entrySet().stream()
                .filter(e -> includes(e.getKey(), labels)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static boolean includes(Map<String, String> labels, String... wanted) {
        for (int i = 0; i < wanted.length; i += 2) {
            if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int end = 0;
        while (label.find() && label.start() == end) {
            labels.put(label.group(1), label.group(2));
            end = label.end();
        }
        if (end != text.length()) {
            throw new IllegalStateException("malformed labels: " + text);
        }
        return labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(samples.keySet().toArray());
    }
}

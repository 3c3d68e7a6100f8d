package dk.sdu.im.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command prints: a table with a header line and columns padded to their widest cell (the default), or one
 * JSON document of the records IM/Server sent (field names as in the IPC messages, times in epoch milliseconds).
 */
final class Output {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliFailure(CliFailure.SOFTWARE, "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** A table, or the rows' records as a JSON array. */
    <T> void table(List<T> records, List<String> header, java.util.function.Function<T, List<String>> row) {
        if (json) {
            json(records);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        records.forEach(r -> rows.add(row.apply(r)));
        int[] widths = new int[header.size()];
        for (List<String> cells : rows) {
            for (int i = 0; i < cells.size(); i++) {
                widths[i] = Math.max(widths[i], cells.get(i).length());
            }
        }
        for (List<String> cells : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A line of text, or {@code {"result": text}} as JSON. */
    void done(String text) {
        if (json) {
            json(java.util.Map.of("result", text));
        } else {
            out.println(text);
        }
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Like {@code 2d03h}, {@code 4h12m}, {@code 5m07s}, {@code 12s}. */
    static String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toDays() > 0) {
            return String.format("%dd%02dh", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }

    /** Like {@code 152.3 MiB}; {@code -} when unknown (negative). */
    static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}

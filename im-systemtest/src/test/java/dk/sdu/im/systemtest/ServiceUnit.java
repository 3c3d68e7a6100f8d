package dk.sdu.im.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a systemd unit file's {@code [Service]} section, read the way systemd reads the simple lines this
 * package's unit has (one {@code Key=value} per line, {@code #} comments; no quoting, no continuation lines). The system
 * tier cannot run systemd, so it starts what {@code ExecStart=} says itself, with {@code User=} and the directories.
 */
record ServiceUnit(Map<String, String> service) {
    static ServiceUnit read(Path file) throws IOException {
        Map<String, String> service = new LinkedHashMap<>();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
            } else if (section.equals("[Service]")) {
                int equals = line.indexOf('=');
                service.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return new ServiceUnit(Map.copyOf(service));
    }

    String get(String key) {
        String value = service.get(key);
        if (value == null) {
            throw new IllegalStateException("the unit sets no " + key + "=");
        }
        return value;
    }

    /** {@code ExecStart=} as its words (the unit quotes nothing). */
    List<String> execStart() {
        return List.of(get("ExecStart").split("\\s+"));
    }
}

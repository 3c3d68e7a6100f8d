package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.util.Optional;

/**
 * Which HAProxy process answers on the runtime socket, from {@code show info}: its pid and start time. A different
 * answer than last time means HAProxy restarted (or was replaced) and holds only what its map file said when it
 * started.
 */
record HaproxyProcess(long pid, long startedEpochSeconds) {
    static HaproxyProcess ask(RuntimeApi api) throws IOException {
        String info = api.send("show info");
        Optional<Long> pid = field(info, "Pid");
        if (pid.isEmpty()) {
            throw new RoutesMap.UnexpectedAnswer("show info", info);
        }
        return new HaproxyProcess(pid.get(), field(info, "Start_time_sec").orElse(-1L));
    }

    private static Optional<Long> field(String info, String name) {
        return info.lines().filter(line -> line.startsWith(name + ": ")).findFirst().flatMap(line -> {
            try {
                return Optional.of(Long.parseLong(line.substring(name.length() + 2).strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}

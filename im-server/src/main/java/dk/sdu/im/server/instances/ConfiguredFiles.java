package dk.sdu.im.server.instances;

import dk.sdu.im.config.ConfigException;
import dk.sdu.im.config.ImConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files a configuration names that IM/User reads: {@code core.publicKeyFile}, the key every instance verifies
 * UCloud's tokens with. The drive roots are the users' own data, and the state directory, database and IPC socket
 * are IM/Server's, so none of those is a launch input. The configuration is parsed again only when its
 * {@code config.yml} changed (device, inode, size, modification and change time), so a launch costs one stat here.
 * Thread-safe: the last answer is one immutable value.
 */
final class ConfiguredFiles {
    private volatile Parsed last;

    private record Parsed(Path configDir, Map<String, Object> stamp, List<LaunchInput> files) {
    }

    /** The files {@code <configDir>/config.yml} names, as IM/User would read them. */
    List<LaunchInput> of(Path configDir) throws ConfigException, IOException {
        Map<String, Object> stamp = Files.readAttributes(configDir.resolve("config.yml"), "unix:dev,ino,size,lastModifiedTime,ctime");
        Parsed cached = last;
        if (cached != null && cached.configDir().equals(configDir) && cached.stamp().equals(stamp)) {
            return cached.files();
        }
        ImConfig config = ImConfig.load(configDir);
        List<LaunchInput> files = List.of(new LaunchInput(config.core().publicKeyFile(),
                "core.publicKeyFile, the key instances trust UCloud's tokens by"));
        last = new Parsed(configDir, stamp, files);
        return files;
    }
}

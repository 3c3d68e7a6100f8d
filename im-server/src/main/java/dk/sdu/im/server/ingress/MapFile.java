package dk.sdu.im.server.ingress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The routes map on disk, which HAProxy loads when it starts: written whole to a temporary file beside it and renamed
 * over it, so HAProxy never reads half a file. Mode 0644: it names the users with an instance and their ports, which
 * every local user sees anyway (the processes and the kernel's socket table).
 */
record MapFile(Path path) {
    void write(Map<String, Integer> routes) throws IOException {
        var text = new StringBuilder("# written by IM/Server (ucloud-im): ucloud-username header value, instance port\n");
        routes.forEach((key, port) -> text.append(key).append(' ').append(port).append('\n'));
        Path temporary = path.resolveSibling(path.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.writeString(temporary, text, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--")); // whatever the umask
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

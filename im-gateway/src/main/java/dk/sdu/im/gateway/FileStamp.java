package dk.sdu.im.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a file is right now, cheaply: the target its path leads to (certbot renews by pointing a link at a new file)
 * and that target's device, inode, size, modification and change times. Two equal stamps mean, as far as anything
 * short of reading it can tell, the same content; a rewrite in place, a replacement and a moved link all differ.
 */
record FileStamp(Path target, Map<String, Object> attributes) {
    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

    FileStamp {
        attributes = Map.copyOf(attributes);
    }

    /**
     * @throws IOException if the file or a link on the way to it does not exist (a renewal in progress, say)
     */
    static FileStamp of(Path file) throws IOException {
        Path target = file.toRealPath();
        return new FileStamp(target, Files.readAttributes(target, ATTRIBUTES));
    }
}

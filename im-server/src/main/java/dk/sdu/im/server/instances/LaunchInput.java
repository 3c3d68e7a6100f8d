package dk.sdu.im.server.instances;

import java.nio.file.Path;

/**
 * One file or directory a sudo launch reads as the end user, and why it is read (for the log line that names it).
 * A directory is listed when its set of entries matters: the class path it expands to, or a file that is read only
 * when present.
 */
record LaunchInput(Path path, String why) {
}

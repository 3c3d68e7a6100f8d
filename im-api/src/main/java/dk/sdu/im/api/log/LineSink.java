package dk.sdu.im.api.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where finished log lines go: a standard stream, a file that logrotate may move away ({@link WatchedFile}), or
 * journald's stream socket ({@link JournalStream}). Each call writes whole lines; implementations are thread-safe.
 */
public sealed interface LineSink extends AutoCloseable permits LineSink.Standard, WatchedFile, JournalStream {

    /** Writes {@code line}, which ends with a newline, in one piece. */
    void write(String line) throws IOException;

    @Override
    void close();

    /** Standard error: the log's default, collected by journald under systemd. */
    static LineSink stderr() {
        return new Standard(System.err);
    }

    /** Standard output. */
    static LineSink stdout() {
        return new Standard(System.out);
    }

    /** A file, created (mode 0640) if missing, appended to, reopened when it is renamed or deleted. */
    static LineSink file(Path path) throws IOException {
        return WatchedFile.open(path);
    }

    /** journald, under {@code identifier} (its SYSLOG_IDENTIFIER). */
    static LineSink journal(String identifier) throws IOException {
        return JournalStream.connect(JournalStream.SOCKET, identifier);
    }

    /** One of the process's standard streams, which it does not close. */
    record Standard(PrintStream stream) implements LineSink {
        @Override
        public void write(String line) {
            synchronized (stream) {
                stream.print(line);
                stream.flush();
            }
        }

        @Override
        public void close() {
            stream.flush();
        }
    }
}

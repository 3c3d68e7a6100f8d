package dk.sdu.im.api.log;

import java.io.IOException;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A java.util.logging handler that writes each formatted record to a {@link LineSink} at once (no buffering). */
final class LineHandler extends Handler {
    private final LineSink sink;

    LineHandler(LineSink sink, Formatter formatter) {
        this.sink = sink;
        setFormatter(formatter);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("formatting a log record failed", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        try {
            sink.write(line);
        } catch (IOException e) {
            reportError("writing to " + sink + " failed", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        sink.close();
    }
}

package dk.sdu.im.user.transfer;

/**
 * Told how many bytes browsers' transfers moved and which transfers run now, for IM/Server's metrics (the instance
 * reports the figures over IPC; nothing here names a file or decides anything). Implementations must be quick,
 * thread-safe and must not throw: they run on the transfers' own threads.
 */
public interface TransferMeter {
    /** Counts nothing. */
    TransferMeter NONE = new TransferMeter() {
        @Override
        public void moved(Operation operation, long bytes) {
        }

        @Override
        public void started(Operation operation) {
        }

        @Override
        public void ended(Operation operation) {
        }
    };

    /** {@code bytes} of file data arrived (UPLOAD) or were handed to the socket (DOWNLOAD). */
    void moved(Operation operation, long bytes);

    /** A transfer began: a download's reply, a CHUNKED upload's request, a WebSocket upload's session. */
    void started(Operation operation);

    /** The transfer that {@link #started} began is over, however it ended. */
    void ended(Operation operation);
}

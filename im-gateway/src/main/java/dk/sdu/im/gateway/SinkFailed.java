package dk.sdu.im.gateway;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Marks a failure of the receiving side of a copy, so that a copier can tell "the receiver went away"
 * (often normal: a backend answered early and closed) from "the sender broke" (abort the exchange).
 */
final class SinkFailed extends IOException {
    private static final long serialVersionUID = 1L;

    SinkFailed(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** {@code out}, with every failure turned into {@link SinkFailed}. */
    static OutputStream marking(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new SinkFailed(e);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                try {
                    out.write(bytes, offset, length);
                } catch (IOException e) {
                    throw new SinkFailed(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new SinkFailed(e);
                }
            }
        };
    }
}

package dk.sdu.im.user.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that tells the {@link TransferMeter} of every byte read from it, as uploaded file data. */
final class CountingInput extends FilterInputStream {
    private final TransferMeter meter;

    CountingInput(InputStream body, TransferMeter meter) {
        super(body);
        this.meter = meter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            meter.moved(Operation.UPLOAD, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            meter.moved(Operation.UPLOAD, n);
        }
        return n;
    }
}

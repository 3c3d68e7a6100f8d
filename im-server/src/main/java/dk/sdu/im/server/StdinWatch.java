package dk.sdu.im.server;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stops IM/Server when its standard input closes ({@code --stop-with-stdin}). A parent that starts IM/Server with a
 * pipe as its standard input and keeps the other end open while it lives ({@code ucloud-im dev}) thereby ends it
 * however the parent ends, SIGKILL included: the kernel closes the parent's end, the read here sees end of file, and
 * IM/Server stops cleanly with its instances. What arrives on the pipe is read and ignored.
 */
final class StdinWatch {
    private StdinWatch() {
    }

    /** Watches {@code in} on a daemon thread of its own and runs {@code stop} once, at its end or on a read error. */
    static Thread start(InputStream in, Runnable stop) {
        return Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            byte[] ignored = new byte[256];
            try {
                while (in.read(ignored) >= 0) {
                    // the parent writes nothing we act on; only the end matters
                }
            } catch (IOException e) {
                // a broken standard input also means the parent is gone
            }
            stop.run();
        });
    }
}

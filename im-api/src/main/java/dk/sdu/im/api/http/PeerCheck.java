package dk.sdu.im.api.http;

import java.net.Socket;

/**
 * Decides, right after accept and before anything is read or any slot is taken, whether a connection may be served
 * at all. A refused connection is closed at once without a byte, so a flood of them costs a lookup each and holds
 * nothing.
 */
@FunctionalInterface
public interface PeerCheck {
    /** Admits every connection: for tests whose client is the test itself. */
    PeerCheck ANYONE = accepted -> true;

    /** Whether {@code accepted} may be served; runs on the accepting thread, so it must be quick and not throw. */
    boolean admits(Socket accepted);
}

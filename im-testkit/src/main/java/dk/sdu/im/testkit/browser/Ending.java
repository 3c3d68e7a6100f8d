package dk.sdu.im.testkit.browser;

/** How a browser-side run ended; exactly one per upload or search. */
public sealed interface Ending {
    /** The protocol's own end: an upload's COMPLETED count reached the number of files. */
    record Completed() implements Ending {
    }

    /** The client cut the TCP connection on purpose (an abort hook), without a close frame. */
    record Aborted(String what) implements Ending {
    }

    /** The client closed the socket early with a normal close (a cancelled search). */
    record Cancelled() implements Ending {
    }

    /** The server sent a close frame; for a streaming search this is the normal end. */
    record ServerClosed(CloseStatus status) implements Ending {
    }

    /** The server answered the WebSocket upgrade with this HTTP status instead of 101. */
    record Refused(int status) implements Ending {
    }

    /** Nothing arrived within the timeout; {@code waitingFor} says what was expected. */
    record TimedOut(String waitingFor) implements Ending {
    }

    /** The connection broke, or the server said something the protocol does not allow. */
    record Failed(String error) implements Ending {
    }
}

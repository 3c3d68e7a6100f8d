package dk.sdu.im.ipc;

/**
 * Which {@link ServerToInstance} messages the server may push unprompted. Both ends rely on this one rule:
 * the server refuses to push a reply type or reply with a push type, and the client hands push types to its
 * listener and everything else to the request waiting for an answer. A new message must be put on one side.
 */
final class Unsolicited {
    private Unsolicited() {
    }

    static boolean isPush(ServerToInstance message) {
        return switch (message) {
            case ServerToInstance.Shutdown _, ServerToInstance.CancelTask _, ServerToInstance.ClaimRequired _ -> true;
            case ServerToInstance.Welcome _, ServerToInstance.Assigned _, ServerToInstance.Refused _,
                 ServerToInstance.Ack _, ServerToInstance.TaskCreated _, ServerToInstance.DriveList _ -> false;
        };
    }
}

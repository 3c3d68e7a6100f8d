package dk.sdu.im.user.transfer;

/** What a capability token allows; a token redeemed for another operation is refused. */
public enum Operation {
    DOWNLOAD,
    UPLOAD
}

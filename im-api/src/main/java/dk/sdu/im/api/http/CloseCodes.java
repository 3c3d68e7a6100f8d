package dk.sdu.im.api.http;

/** The close codes of RFC 6455 7.4 and the IANA registry that this server uses, and which codes are valid where. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Never sent: reported when the peer's close frame carried no code. */
    public static final int NO_STATUS = 1005;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether a close frame may carry the code: the registered codes an endpoint may send (1000-1003,
     * 1007-1014) and the ranges for libraries and applications (3000-4999). 1004-1006 and 1015 are reserved
     * for reporting and never appear on the wire.
     */
    static boolean mayBeSent(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}

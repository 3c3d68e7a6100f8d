package dk.sdu.im.api.rpc;

/** Who may make a call; checked by the dispatcher before the handler runs. */
public enum Access {
    /** No JWT: browser capability routes and public pages. The handler authorises by its own token. */
    PUBLIC,
    /** A valid Core JWT without a user context: system calls. A user context gets 403. */
    SYSTEM,
    /** A valid Core JWT, with or without a user context: {@code integration/init}. */
    SYSTEM_OR_USER,
    /** A valid Core JWT with a user context: user calls (IM/User adds the check that it is its own user). */
    USER
}

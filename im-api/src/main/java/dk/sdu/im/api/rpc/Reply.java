package dk.sdu.im.api.rpc;

/** What a handler answers: a JSON body (never empty, contract 1.3) or, for public pages, HTML. */
public sealed interface Reply {
    int status();

    static Reply json(Object body) {
        return new Json(200, body);
    }

    static Reply html(int status, String page) {
        return new Html(status, page);
    }

    record Json(int status, Object body) implements Reply {
    }

    record Html(int status, String page) implements Reply {
    }
}

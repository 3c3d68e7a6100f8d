package dk.sdu.im.db;

import java.sql.SQLException;

/**
 * Picks the message an operator needs from a connection failure: the innermost {@link SQLException}'s, which
 * is the JDBC driver's own explanation ("Connection to db:5432 refused. Check that the hostname and port are
 * correct..."), rather than the pool's wrapper or the bare socket error underneath it.
 */
final class DriverMessage {
    private DriverMessage() {
    }

    static String of(Throwable failure) {
        Throwable root = failure;
        Throwable innermostSql = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException) {
                innermostSql = t;
            }
        }
        Throwable chosen = innermostSql != null ? innermostSql : root;
        return chosen.getMessage() != null ? chosen.getMessage() : chosen.toString();
    }
}

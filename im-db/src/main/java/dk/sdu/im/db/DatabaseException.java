package dk.sdu.im.db;

/**
 * The database cannot be opened, migrated or queried. Not a business rule: callers usually cannot recover
 * and should stop or report the service as unavailable.
 *
 * <p>Messages name the database (SQLite file or PostgreSQL URL and user) but never a password, so they are
 * safe for the server log; they are not meant for UCloud clients.
 */
public class DatabaseException extends RuntimeException {
    DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    DatabaseException(String message) {
        super(message);
    }
}

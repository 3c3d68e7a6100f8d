package dk.sdu.im.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that lets another writer in just before a chosen connection is handed out, to make the race
 * between {@code establish}'s read and its insert happen deterministically.
 */
final class InterleavingDataSource implements DataSource {
    /** Something another caller does against the real database. */
    @FunctionalInterface
    interface Intrusion {
        void run(DataSource real) throws SQLException;
    }

    private final DataSource real;
    private final int intrudeBeforeConnection;
    private final Intrusion intrusion;
    private final AtomicInteger handedOut = new AtomicInteger();

    /** Runs {@code intrusion} once, just before handing out connection number {@code intrudeBeforeConnection}. */
    InterleavingDataSource(DataSource real, int intrudeBeforeConnection, Intrusion intrusion) {
        this.real = real;
        this.intrudeBeforeConnection = intrudeBeforeConnection;
        this.intrusion = intrusion;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (handedOut.incrementAndGet() == intrudeBeforeConnection) {
            intrusion.run(real);
        }
        return real.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return real.isWrapperFor(type);
    }
}

package dk.sdu.im.db;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@link ClaimSightings} on the one-row {@code user_context_claim} table (V2 migration). */
final class JdbcClaimSightings implements ClaimSightings {
    private static final String SELECT = "SELECT first_seen_at FROM user_context_claim WHERE id = 1";
    private static final String INSERT = "INSERT INTO user_context_claim (id, first_seen_at) VALUES (1, ?)";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcClaimSightings(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> firstSeen() {
        return jdbc.query(SELECT, s -> { }, row -> Instant.ofEpochMilli(row.getLong(1))).stream().findFirst();
    }

    @Override
    public Instant record() {
        long now = clock.millis();
        if (jdbc.insertUnlessDuplicate(INSERT, s -> s.setLong(1, now))) {
            return Instant.ofEpochMilli(now);
        }
        return firstSeen().orElseThrow(() -> new DatabaseException("user_context_claim lost its row while it was written"));
    }
}

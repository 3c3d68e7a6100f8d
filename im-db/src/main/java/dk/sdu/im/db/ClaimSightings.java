package dk.sdu.im.db;

import java.time.Instant;
import java.util.Optional;

/**
 * IM/Server's record that a user call carrying the {@code ucloudUser} claim has been seen (contract decision 1,
 * {@code core.userContext: auto}): from then on user calls without the claim are refused, across restarts. The record
 * only ever goes from absent to present; concurrent writers agree on the first time. Thread-safe.
 */
public interface ClaimSightings {
    /** When the claim was first seen, if ever. */
    Optional<Instant> firstSeen();

    /** Records a sighting now unless one is recorded; returns the first sighting's time (this one or the earlier). */
    Instant record();
}

package dk.sdu.im.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link TrackedJobs} on the {@code tracked_jobs} table. */
final class JdbcTrackedJobs implements TrackedJobs {
    private static final String COLUMNS = "ucloud_id, provider_id, ucloud_user, local_user, project, category,"
            + " last_state, ended, cpu_seconds, gpu_seconds, submitted_at";
    private static final String INSERT = "INSERT INTO tracked_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM tracked_jobs WHERE ended = 0 ORDER BY submitted_at, ucloud_id";
    private static final String DELIVERED = "UPDATE tracked_jobs SET last_state = ?, ended = ?, cpu_seconds = ?,"
            + " gpu_seconds = ? WHERE ucloud_id = ?";
    private static final String FORGET = "UPDATE tracked_jobs SET ended = 1 WHERE ucloud_id = ?";
    // Personal jobs are owned by their user, project jobs by the project whoever submitted them.
    private static final String ENDED_USAGE = "SELECT CASE WHEN project = '' THEN ucloud_user ELSE '' END AS owner_user,"
            + " project, category, SUM(cpu_seconds), SUM(gpu_seconds) FROM tracked_jobs WHERE ended = 1"
            + " GROUP BY CASE WHEN project = '' THEN ucloud_user ELSE '' END, project, category";

    private final Jdbc jdbc;

    JdbcTrackedJobs(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean track(TrackedJob job) {
        return jdbc.insertUnlessDuplicate(INSERT, s -> {
            s.setString(1, job.ucloudId());
            s.setString(2, job.providerId());
            s.setString(3, job.ucloudUser());
            s.setString(4, job.localUser());
            s.setString(5, job.project());
            s.setString(6, job.category());
            s.setString(7, job.lastState().orElse(null));
            s.setInt(8, job.ended() ? 1 : 0);
            s.setLong(9, job.cpuSeconds());
            s.setLong(10, job.gpuSeconds());
            s.setLong(11, job.submittedAtMillis());
        });
    }

    @Override
    public List<TrackedJob> active() {
        return jdbc.query(ACTIVE, s -> { }, JdbcTrackedJobs::read);
    }

    @Override
    public void delivered(String ucloudId, String state, boolean ended, long cpuSeconds, long gpuSeconds) {
        jdbc.update(DELIVERED, s -> {
            s.setString(1, state);
            s.setInt(2, ended ? 1 : 0);
            s.setLong(3, cpuSeconds);
            s.setLong(4, gpuSeconds);
            s.setString(5, ucloudId);
        });
    }

    @Override
    public void forget(String ucloudId) {
        jdbc.update(FORGET, s -> s.setString(1, ucloudId));
    }

    @Override
    public List<UsageTotal> endedUsage() {
        return jdbc.query(ENDED_USAGE, s -> { }, row -> new UsageTotal(row.getString(1), row.getString(2),
                row.getString(3), row.getLong(4), row.getLong(5)));
    }

    private static TrackedJob read(ResultSet row) throws SQLException {
        return new TrackedJob(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), Optional.ofNullable(row.getString(7)), row.getInt(8) == 1, row.getLong(9),
                row.getLong(10), row.getLong(11));
    }
}

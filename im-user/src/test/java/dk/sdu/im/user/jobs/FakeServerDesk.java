package dk.sdu.im.user.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** IM/Server as a test decides it: the drive ids it hands out, and whether it refuses to let a job run or track it. */
final class FakeServerDesk implements ServerDesk {
    /** One {@link #submitted} call. */
    record Tracked(String ucloudJobId, String providerJobId, String outputFolder, String category, String project) {
    }

    volatile Map<String, String> driveIds = Map.of();
    volatile String noAllocation;
    volatile String notTracked;
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<Tracked> tracked = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> driveIds() {
        return driveIds;
    }

    @Override
    public void maySubmit(String ucloudJobId, String project, String category) throws Refused {
        asked.add(project + "/" + category);
        if (noAllocation != null) {
            throw new Refused(noAllocation);
        }
    }

    @Override
    public void submitted(String ucloudJobId, String providerJobId, String outputFolder, String category,
                          String project) throws Refused {
        if (notTracked != null) {
            throw new Refused(notTracked);
        }
        tracked.add(new Tracked(ucloudJobId, providerJobId, outputFolder, category, project));
    }
}

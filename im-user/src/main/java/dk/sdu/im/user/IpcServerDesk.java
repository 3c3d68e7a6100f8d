package dk.sdu.im.user;

import dk.sdu.im.compute.backend.Observation;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcClosed;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.user.jobs.ServerDesk;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** {@link ServerDesk} over this instance's IPC link, and the sink that forwards a local backend's observations on it. */
final class IpcServerDesk implements ServerDesk, ObservationSink {
    private static final Logger LOG = Logger.getLogger(IpcServerDesk.class.getName());

    private final Supplier<ServerLink> link;

    IpcServerDesk(Supplier<ServerLink> link) {
        this.link = link;
    }

    @Override
    public Map<String, String> driveIds() throws IOException {
        try {
            Map<String, String> ids = new LinkedHashMap<>();
            for (ServerToInstance.DriveId drive : link.get().drives()) {
                ids.put(drive.locator(), drive.id());
            }
            return ids;
        } catch (ServerLink.Refused | IpcClosed e) {
            throw new IOException("IM/Server did not list the drives: " + e.getMessage(), e);
        }
    }

    @Override
    public void maySubmit(String ucloudJobId, String project, String category) throws Refused {
        try {
            link.get().maySubmit(ucloudJobId, project, category);
        } catch (ServerLink.Refused refused) {
            throw new Refused(refused.getMessage());
        }
    }

    @Override
    public void submitted(String ucloudJobId, String providerJobId, String outputFolder, String category, String project)
            throws Refused {
        try {
            link.get().jobSubmitted(new InstanceToServer.JobSubmitted(ucloudJobId, providerJobId, outputFolder, category,
                    project));
        } catch (ServerLink.Refused refused) {
            throw new Refused(refused.getMessage());
        }
    }

    @Override
    public void observed(Observation observation) {
        try {
            link.get().jobObserved(new InstanceToServer.JobObserved(observation.providerJobId(),
                    observation.status().state().name(), observation.status().text(), observation.cpuSeconds(),
                    observation.gpuSeconds()));
        } catch (ServerLink.Refused | IpcClosed e) {
            LOG.warning(() -> "IM/Server did not take the state of job " + observation.providerJobId() + ": " + e.getMessage());
        }
    }
}

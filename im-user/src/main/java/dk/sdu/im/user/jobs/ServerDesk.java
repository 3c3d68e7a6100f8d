package dk.sdu.im.user.jobs;

import java.io.IOException;
import java.util.Map;

/** What jobs ask of IM/Server (over IPC in a real instance). IM/Server believes none of it beyond the kernel's word. */
public interface ServerDesk {
    /** UCloud's drive ids of this user's drives, by locator name. */
    Map<String, String> driveIds() throws IOException;

    /**
     * Whether the owner (the project, or this user when empty) may still use the category; Refused says why not. Named
     * with the job, so that IM/Server can start confirming it while the job is submitted.
     */
    void maySubmit(String ucloudJobId, String project, String category) throws Refused;

    /** Hands a submitted job to IM/Server's monitor. */
    void submitted(String ucloudJobId, String providerJobId, String outputFolder, String category, String project)
            throws Refused;

    /** IM/Server said no; the reason is safe to show to the user. */
    final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}

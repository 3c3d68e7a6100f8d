package dk.sdu.im.server.instances;

import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import java.time.Duration;

/**
 * What the supervisor tells about launches and instances, for IM/Server's metrics. Reasons are a small fixed set of
 * words ({@link Failure}), never a user name, so what is counted stays bounded. Called on the supervisor's threads,
 * some under a user's lock: implementations must be quick and must not throw.
 */
public interface InstanceEvents {
    /** Tells nothing. */
    InstanceEvents NONE = new InstanceEvents() {
        @Override
        public void coldStart(ColdStartPhases phases) {
        }

        @Override
        public void launchFailed(Failure reason) {
        }

        @Override
        public void served(InstanceSession session, InstanceToServer.Served served) {
        }

        @Override
        public void closed(InstanceSession session) {
        }
    };

    /** Why a launch did not give a verified instance. */
    enum Failure {
        /** The UCloud user has no local account here. */
        UNMAPPED,
        /** The mapping exists but the account cannot be served (identity rules). */
        IDENTITY,
        /** The sudo rule, the launcher or what it reads is not usable ({@link InstanceLauncher#unsafe()}). */
        INSTALL_UNSAFE,
        /** Starting the process failed. */
        SPAWN,
        /** The instance's registration disagreed with kernel facts (uid, listening port). */
        REGISTRATION_REFUSED,
        /** The instance did not register within {@code instances.startSeconds}. */
        START_TIMEOUT,
        /** The process ended before it registered. */
        EXITED_DURING_START
    }

    /**
     * One cold start that ended with a verified instance and its route up: how long each phase took (account and
     * mapping, the install and sudo check, spawning the process, and the instance's start-up until it registered).
     */
    record ColdStartPhases(Duration mapping, Duration installCheck, Duration spawn, Duration registration) {
        public Duration total() {
            return mapping.plus(installCheck).plus(spawn).plus(registration);
        }
    }

    void coldStart(ColdStartPhases phases);

    void launchFailed(Failure reason);

    /** A registered instance's report of what it served; reports from unregistered sessions never arrive here. */
    void served(InstanceSession session, InstanceToServer.Served served);

    /** The session's instance is gone; whatever it reported as running is over. */
    void closed(InstanceSession session);
}

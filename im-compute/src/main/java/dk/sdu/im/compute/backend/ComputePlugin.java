package dk.sdu.im.compute.backend;

import dk.sdu.im.config.ImConfig;

/**
 * One way of running jobs (Slurm, local processes), found through {@link java.util.ServiceLoader} by the name
 * {@code compute.backend} gives. IM/User and IM/Server load it without knowing which it is: each takes its own
 * half. Implementations keep no state between the two halves; they meet only through the scheduler itself
 * (and, for backends without a scheduler, through {@link ObservationSink}).
 */
public interface ComputePlugin {
    /** The name {@code compute.backend} uses, e.g. {@code slurm}. */
    String name();

    /** The half that runs in IM/User, as the user: submits and cancels that user's jobs. */
    UserCompute forUser(ImConfig config, ObservationSink observations);

    /** The half that runs in IM/Server, as the service account: checks placement, reads job states. */
    ServerCompute forServer(ImConfig config);

    /** The plugin named {@code name} among those on the class path. */
    static ComputePlugin named(String name) {
        for (ComputePlugin plugin : java.util.ServiceLoader.load(ComputePlugin.class)) {
            if (plugin.name().equals(name)) {
                return plugin;
            }
        }
        throw new IllegalStateException("no compute backend named '" + name + "' is installed");
    }
}

package dk.sdu.im.compute.slurm;

import dk.sdu.im.compute.backend.ComputePlugin;
import dk.sdu.im.compute.backend.ObservationSink;
import dk.sdu.im.compute.backend.ServerCompute;
import dk.sdu.im.compute.backend.UserCompute;
import dk.sdu.im.config.ImConfig;

/**
 * The Slurm backend ({@code compute.backend: slurm}): IM/User submits and cancels with sbatch and scancel as the
 * user, IM/Server reads sinfo and sacct as the service account. The two halves share nothing but Slurm itself;
 * both run the tools of {@code compute.slurmBin} with {@code compute.slurmConf} as {@code SLURM_CONF}.
 */
public final class SlurmPlugin implements ComputePlugin {
    @Override
    public String name() {
        return "slurm";
    }

    /** Slurm's own accounting reports these jobs, so {@code observations} is not used. */
    @Override
    public UserCompute forUser(ImConfig config, ObservationSink observations) {
        return new SlurmUserCompute(SlurmTools.of(config.compute()));
    }

    @Override
    public ServerCompute forServer(ImConfig config) {
        return new SlurmServerCompute(SlurmTools.of(config.compute()));
    }
}

/**
 * The Slurm backend ({@link dk.sdu.im.compute.slurm.SlurmPlugin}, {@code compute.backend: slurm}) and Slurm
 * 22.05's view of a job.
 *
 * <p>The backend runs the Slurm tools of {@code compute.slurmBin} through one runner (package-private
 * {@code SlurmTools}: absolute paths, one argv entry per argument and never a shell, a clean environment with
 * {@code SLURM_CONF}, stdin from {@code /dev/null}, a timeout and bounded output). IM/User's half submits with
 * sbatch and cancels with scancel as the user; IM/Server's half only reads: sinfo for partitions, one sacct (or,
 * without accounting, one squeue) per poll for every tracked job. Only digit-only job ids reach a tool.
 *
 * <p>Parsers: {@code sacct --parsable2}, {@code squeue -o} and {@code sinfo -o} text, read line by line in place
 * (a line that cannot be read is named and skipped, the rest still read), which the backend uses because 22.05's
 * {@code sacct --json} loses exit codes; and {@code sacct --json} ({@link dk.sdu.im.compute.slurm.SacctJson}) and
 * {@code squeue --json} ({@link dk.sdu.im.compute.slurm.SqueueJson}), strict: a missing required field, a wrong
 * type or an unknown job state is a {@link dk.sdu.im.compute.slurm.SlurmJsonException}. Unknown JSON fields are
 * ignored (Slurm adds them between releases). Both feed the state table that turns a job's Slurm state and exit
 * code into the UCloud state and status text Core is told ({@link dk.sdu.im.compute.slurm.StateTable},
 * decision 5 of the provider API notes).
 */
package dk.sdu.im.compute.slurm;

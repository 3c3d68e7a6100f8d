/**
 * Slurm 22.05's view of a job, read from {@code sacct --json} ({@link dk.sdu.im.compute.slurm.SacctJson}) and
 * {@code squeue --json} ({@link dk.sdu.im.compute.slurm.SqueueJson}), and the state table that turns an
 * accounting record into the UCloud state and status text Core is told ({@link
 * dk.sdu.im.compute.slurm.StateTable}, decision 5 of the provider API notes).
 *
 * <p>Pure: no processes, no I/O. Unknown fields are ignored (Slurm adds them between releases); a missing
 * required field, a wrong type or an unknown job state is a {@link dk.sdu.im.compute.slurm.SlurmJsonException},
 * never a guessed state.
 */
package dk.sdu.im.compute.slurm;

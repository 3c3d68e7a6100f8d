package dk.sdu.im.compute.slurm;

/** Slurm's JSON could not be read as expected. The message names the field at fault, e.g. {@code jobs[0].state.current}. */
public final class SlurmJsonException extends RuntimeException {
    public SlurmJsonException(String message) {
        super(message);
    }

    public SlurmJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}

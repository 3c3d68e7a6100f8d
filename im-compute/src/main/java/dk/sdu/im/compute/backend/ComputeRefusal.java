package dk.sdu.im.compute.backend;

/**
 * The backend could not do what was asked. {@code why} is shown to the user as it is (for Slurm, Slurm's own
 * words); {@code userError} says whether the request was at fault (400) or the site (500).
 */
public final class ComputeRefusal extends Exception {
    private final boolean userError;

    public ComputeRefusal(String why, boolean userError) {
        super(why, null, false, false);
        this.userError = userError;
    }

    public boolean userError() {
        return userError;
    }
}

package dk.sdu.im.server.instances;

/** A user instance will not be launched; {@code why} is safe to show the user, the log has the details. */
public final class LaunchRefused extends RuntimeException {
    private final int status;

    public LaunchRefused(int status, String why) {
        super(why);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

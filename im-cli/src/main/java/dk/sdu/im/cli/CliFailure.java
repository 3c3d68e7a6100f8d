package dk.sdu.im.cli;

/**
 * A command could not do what it was asked; the message is one line for the administrator. The exit codes, as the
 * README documents them (BSD {@code sysexits.h}, as {@code ucloud-im server} uses them too):
 * <ul>
 *   <li>0: done;</li>
 *   <li>1 ({@link #NOT_FOUND}): the user or instance named does not exist;</li>
 *   <li>64 ({@link #USAGE}): unknown command, option or argument (named in the error);</li>
 *   <li>69 ({@link #UNAVAILABLE}): IM/Server cannot be reached over its IPC socket;</li>
 *   <li>70 ({@link #SOFTWARE}): an internal error (an unexpected reply);</li>
 *   <li>77 ({@link #REFUSED}): IM/Server refused the caller (not root and not in {@code server.adminGroup});</li>
 *   <li>78 ({@link #CONFIG}): config.yml cannot be read or is invalid.</li>
 * </ul>
 */
final class CliFailure extends RuntimeException {
    static final int NOT_FOUND = 1;
    static final int USAGE = 64;
    static final int UNAVAILABLE = 69;
    static final int SOFTWARE = 70;
    static final int REFUSED = 77;
    static final int CONFIG = 78;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}

package dk.sdu.im.compute.script;

/**
 * Maps a UCloud path from a {@code file} value to the local absolute path the job will see. Supplied by
 * the caller, which confines it to the user's drives; it throws {@link ScriptException} for a path it
 * refuses. The builder only quotes what it returns.
 */
@FunctionalInterface
public interface FileResolver {
    String localPath(String ucloudPath);

    /** For jobs without file parameters: any file value is refused. */
    static FileResolver none() {
        return path -> {
            throw new ScriptException("file parameters are not available here");
        };
    }
}

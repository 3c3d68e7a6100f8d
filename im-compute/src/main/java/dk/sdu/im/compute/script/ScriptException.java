package dk.sdu.im.compute.script;

/**
 * A batch script cannot be made from this job. The message names the parameter, directive or application
 * at fault and holds no site detail (a template's error may quote the job's own values, a file value's
 * local path among them), so it is safe to show the user as the job's {@code why}.
 */
public final class ScriptException extends RuntimeException {
    public ScriptException(String message) {
        super(message);
    }
}

package dk.sdu.im.compute.script;

import com.hubspot.jinjava.interpret.CollectionTooBigException;
import com.hubspot.jinjava.interpret.OutputTooBigException;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import java.util.regex.Pattern;

/**
 * Says in a few words, without stack trace or Java class names, what an engine error is: the predicate of
 * "the jinja template in the command line ...". The engine's message may quote the template and values
 * the job itself holds (the user's values, the job's local paths), never anything else of the site's.
 */
final class TemplateFailure {
    private static final int MAX_MESSAGE = 300;
    private static final Pattern CLASS_PREFIX = Pattern.compile("\\b[\\w.]*(Exception|Error): ");
    private static final Pattern NAME_PREFIX = Pattern.compile("^(filter|exptest):");

    private TemplateFailure() {
    }

    static String describe(TemplateError error, TemplateLimits limits) {
        if (error.getReason() == ErrorReason.OUTPUT_TOO_BIG || causedBy(error, OutputTooBigException.class)) {
            return "writes more than " + limits.maxOutputChars() + " characters";
        }
        if (error.getReason() == ErrorReason.COLLECTION_TOO_BIG || causedBy(error, CollectionTooBigException.class)) {
            return "builds a list or map of more than " + limits.maxRange() + " entries";
        }
        if (error.getReason() == ErrorReason.DISABLED && error.getFieldName() != null) {
            return "uses '" + NAME_PREFIX.matcher(error.getFieldName()).replaceFirst("")
                    + "', which templates may not use";
        }
        return "has an error at line " + error.getLineno() + ": " + clean(error.getMessage());
    }

    private static boolean causedBy(TemplateError error, Class<? extends Throwable> type) {
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String message) {
        String text = CLASS_PREFIX.matcher(String.valueOf(message)).replaceAll("")
                .replace("Originating Exception:", "").replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }
}

package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Jobs of a real application definition in Core's shape (contract 5.4): "shell", a native batch application that
 * runs {@code bash -c <script>} with the script the user typed as its one text parameter. For tests, benchmarks and
 * the development demo; create the job with {@link FakeCore#createJob(String, ObjectNode)} and send it to the
 * provider as Core would.
 */
public final class ShellJobs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode APPLICATION = load();

    private ShellJobs() {
    }

    /** The application as Core resolves it ({@code status.resolvedApplication}). */
    public static ObjectNode application() {
        return APPLICATION.deepCopy();
    }

    /**
     * A job of {@code createdBy} in their personal workspace, running {@code script} on {@code product} of
     * {@code category} with a time allocation of {@code minutes}.
     */
    public static ObjectNode job(String id, String createdBy, String providerId, String product, String category,
                                 String script, int minutes) {
        ObjectNode job = JSON.createObjectNode();
        job.put("id", id);
        job.putObject("owner").put("createdBy", createdBy).putNull("project");
        ObjectNode specification = job.putObject("specification");
        specification.putObject("product").put("id", product).put("category", category).put("provider", providerId);
        specification.putObject("application").put("name", "shell").put("version", "1");
        specification.put("name", "shell job " + id);
        specification.put("replicas", 1);
        specification.putObject("parameters").putObject("script").put("type", "text").put("value", script);
        specification.putArray("resources");
        specification.putObject("timeAllocation").put("hours", minutes / 60).put("minutes", minutes % 60).put("seconds", 0);
        job.putObject("status").put("state", "IN_QUEUE").set("resolvedApplication", application());
        return job;
    }

    private static ObjectNode load() {
        try (InputStream in = ShellJobs.class.getResourceAsStream("shell-application.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the shell application definition is missing from the testkit", e);
        }
    }
}

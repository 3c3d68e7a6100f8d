package dk.sdu.im.user.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Core's Job trees for tests, from {@code word-count-job.json}: job 4213 of alice#1234, {@code wc -l <input>}. */
final class Jobs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jobs() {
    }

    /** A fresh copy of the word-count job, personal, on product cpu-2 of category cpu, input /12/data/in.txt. */
    static ObjectNode wordCount() {
        try (InputStream in = Jobs.class.getResourceAsStream("word-count-job.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

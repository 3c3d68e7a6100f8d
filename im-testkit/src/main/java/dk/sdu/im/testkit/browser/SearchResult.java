package dk.sdu.im.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a streaming search delivered: every ProviderFile from every {@code result} batch, in order; the number
 * of batches; every text frame as received (including keep-alives and anything not understood); and how the
 * stream ended ({@link Ending.ServerClosed} is the normal end, contract 3.4.6).
 */
public record SearchResult(List<JsonNode> items, int batches, List<String> frames, Ending ending) {
    public SearchResult {
        items = List.copyOf(items);
        frames = List.copyOf(frames);
    }
}

package dk.sdu.im.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionTest {
    private static final List<String> KEYS = List.of("host", "port", "maxRequestBytes", "stateDir");

    @Test
    void suggestsKeyWithSwappedLetters() {
        assertThat(Suggestion.closest("prot", KEYS)).contains("port");
    }

    @Test
    void suggestsKeyWrittenInAnotherCase() {
        assertThat(Suggestion.closest("statedir", KEYS)).contains("stateDir");
    }

    @Test
    void suggestsKeyOfWhichTheTypoIsAPrefix() {
        assertThat(Suggestion.closest("clockSkew", List.of("issuer", "clockSkewSeconds"))).contains("clockSkewSeconds");
    }

    @Test
    void suggestsNothingForUnrelatedKey() {
        assertThat(Suggestion.closest("plugins", KEYS)).isEmpty();
    }
}

package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decision 3 and contract 3.4.4: the protocol is picked from the offer, WEBSOCKET_V2 whenever a WebSocket is offered. */
class UploadProtocolTest {
    @ParameterizedTest(name = "{0} offering [{1}] gets {2}")
    @CsvSource(delimiter = ';', value = {
        "FILE;   CHUNKED,WEBSOCKET;      WEBSOCKET_V2",
        "FOLDER; CHUNKED,WEBSOCKET;      WEBSOCKET_V2",
        "FILE;   CHUNKED,WEBSOCKET_V2;   WEBSOCKET_V2",
        "FILE;   WEBSOCKET_V2;           WEBSOCKET_V2",
        "FOLDER; WEBSOCKET_V2;           WEBSOCKET_V2",
        "FILE;   WEBSOCKET;              WEBSOCKET_V2",
        "FOLDER; WEBSOCKET;              WEBSOCKET_V2",
        "FILE;   CHUNKED;                CHUNKED",
        "FILE;   chunked;                CHUNKED",
        "FILE;   websocket_v2,CHUNKED;   WEBSOCKET_V2",
        "FILE;   SOMETHING_NEW,CHUNKED;  CHUNKED",
    })
    void offerDecides(UploadKind kind, String offer, UploadProtocol expected) {
        assertThat(UploadProtocol.choose(kind, Arrays.asList(offer.split(",")))).isEqualTo(expected);
    }

    @Test
    void noOfferMeansTheGoModulesProtocol() {
        assertThat(UploadProtocol.choose(UploadKind.FILE, null)).isEqualTo(UploadProtocol.WEBSOCKET_V2);
        assertThat(UploadProtocol.choose(UploadKind.FOLDER, List.of())).isEqualTo(UploadProtocol.WEBSOCKET_V2);
        assertThat(UploadProtocol.choose(UploadKind.FILE, Arrays.asList((String) null))).isEqualTo(UploadProtocol.WEBSOCKET_V2);
    }

    @Test
    void aFolderCannotGoByChunkedAndTheRefusalNamesWhatIsSpoken() {
        ApiException error = failure(() -> UploadProtocol.choose(UploadKind.FOLDER, List.of("CHUNKED")));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.why()).contains("[CHUNKED]").contains("WEBSOCKET_V2").contains("CHUNKED for single files");
    }

    @Test
    void anOfferOfNothingThisProviderSpeaksIs400() {
        assertThat(failure(() -> UploadProtocol.choose(UploadKind.FILE, List.of("WEBSOCKET_V1"))).status()).isEqualTo(400);
    }
}

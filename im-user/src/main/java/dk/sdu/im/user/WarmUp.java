package dk.sdu.im.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileBrowser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The first request of a fresh instance is the one a user waits for (cold start, DESIGN 3.3), so while the instance
 * builds its listeners and connects to IM/Server this runs each costly first-time step of a browse once, on threads
 * of their own: {@link #httpDate} from main's first line (the JDK server's {@code Date} header: its first format
 * loads the locale's day, month and zone names, tens of milliseconds), and {@link #run}: a token verification,
 * reading a request, listing the home directory and writing the page. Outcomes are discarded; nothing it does is
 * visible to any caller.
 */
record WarmUp(CoreTokenVerifier verifier, FileBrowser browser, ObjectMapper mapper, Path home) implements Runnable {
    private static final String REQUEST = """
            {"resolvedCollection":{"id":"0","providerGeneratedId":"home warm-up\\n/"},
             "Browse":{"flags":{"path":"/0"},"itemsPerPage":50,"next":null,"sortBy":"PATH","sortDirection":"ascending"}}""";
    /** The pattern of {@code sun.net.httpserver.ExchangeImpl}'s Date header, in Locale.US and the region GMT. */
    private static final String HTTP_DATE = "EEE, dd MMM yyyy HH:mm:ss zzz";

    /**
     * Formats a date as the JDK server's Date header does, zone region and all (a zone offset would skip the name
     * lookup that costs most); needs nothing, so it starts before the configuration is read.
     */
    static void httpDate() {
        DateTimeFormatter.ofPattern(HTTP_DATE, Locale.US).withZone(ZoneId.of("GMT")).format(Instant.now());
    }

    @Override
    public void run() {
        verifier.rehearse();
        try {
            var request = mapper.readValue(REQUEST, Files.BrowseRequest.class);
            var page = browser.browse(DriveRoot.of("0", home), request.browse());
            mapper.writeValueAsBytes(page);
        } catch (Exception | LinkageError ignored) {
            // only a head start; the real call reports its own errors
        }
    }
}

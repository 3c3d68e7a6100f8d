package dk.sdu.im.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.user.files.FileBrowser;
import java.nio.file.Path;

/**
 * The first request of a fresh instance is the one a user waits for (cold start, DESIGN 3.3), so while the instance
 * builds its listeners and connects to IM/Server this runs each costly first-time step of a browse once, on threads
 * of its own ({@link #run}): a token verification, reading a request, listing the home directory and writing the
 * page. Outcomes are discarded; nothing it does is
 * visible to any caller.
 */
record WarmUp(CoreTokenVerifier verifier, FileBrowser browser, ObjectMapper mapper, Path home) implements Runnable {
    private static final String REQUEST = """
            {"resolvedCollection":{"id":"0","providerGeneratedId":"home warm-up\\n/"},
             "Browse":{"flags":{"path":"/0"},"itemsPerPage":50,"next":null,"sortBy":"PATH","sortDirection":"ascending"}}""";
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

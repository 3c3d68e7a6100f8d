package dk.sdu.im.server.instances;

import dk.sdu.im.server.identity.LocalAccount;
import java.io.IOException;

/**
 * Starts one IM/User process for a local account; the returned handle is what IM/Server supervises. Its stdout and
 * stderr go to one pipe ({@code redirectErrorStream}), which the supervisor relays into the log as that user's words.
 */
public interface InstanceLauncher {
    Process launch(LocalAccount account) throws IOException;

    /** Problems that make launching unsafe right now (empty when fine); checked before every launch. */
    default java.util.List<String> unsafe() {
        return java.util.List.of();
    }
}

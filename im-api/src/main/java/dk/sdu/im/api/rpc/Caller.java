package dk.sdu.im.api.rpc;

import java.util.Optional;

/** Who a verified call is for: the UCloud username of its user context, or none for system calls. */
public record Caller(Optional<String> ucloudUser) {
    public static final Caller SYSTEM = new Caller(Optional.empty());

    public String describe() {
        return ucloudUser.orElse("-");
    }
}

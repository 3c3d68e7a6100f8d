package dk.sdu.im.api.rpc;

import java.util.Objects;

/**
 * One entry of a process's routing table: method and exact path, the call name used in logs (contract 1.1,
 * e.g. {@code integration.retrieveManifest}), who may call it, and the handler.
 */
public record Route(String method, String path, String callName, Access access, Handler handler) {
    public Route {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        Objects.requireNonNull(callName);
        Objects.requireNonNull(access);
        Objects.requireNonNull(handler);
    }
}

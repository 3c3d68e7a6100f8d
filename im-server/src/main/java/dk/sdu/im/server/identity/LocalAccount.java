package dk.sdu.im.server.identity;

import java.nio.file.Path;

/** A local Unix account as NSS reports it. */
public record LocalAccount(String name, int uid, int gid, Path home) {
}

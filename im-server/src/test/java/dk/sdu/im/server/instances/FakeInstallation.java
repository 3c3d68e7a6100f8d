package dk.sdu.im.server.instances;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * A site installation under a temporary directory, made by root as an administrator would: the real launcher
 * script and flags file from im-dist in {@code opt/ucloud-im/bin}, two jars in {@code lib/user}, the configuration in
 * {@code etc/ucloud-im} named by {@code etc/config-dir}, and no {@code etc/java} (the launcher's default JVM, which
 * these machines have). Everything is root-owned and writable by root alone unless a test changes it.
 */
public final class FakeInstallation {
    private static final Path DIST_BIN = Path.of("../im-dist/src/main/dist/bin");
    public final Path base;
    public final Path home;
    public final Path launcher;
    public final Path configDir;

    private FakeInstallation(Path base) {
        this.base = base;
        this.home = base.resolve("opt/ucloud-im");
        this.launcher = home.resolve("bin/ucloud-im-user");
        this.configDir = base.resolve("etc/ucloud-im");
    }

    /** @param base a root-owned directory that nobody else may write */
    public static FakeInstallation create(Path base) throws IOException {
        var site = new FakeInstallation(base);
        for (Path dir : new Path[] {site.home.resolve("bin"), site.home.resolve("etc"), site.home.resolve("lib/user"), site.configDir}) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.copy(DIST_BIN.resolve("ucloud-im-user"), site.launcher, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(site.launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        site.file(site.home.resolve("bin/im-user-flags.sh"), Files.readString(DIST_BIN.resolve("im-user-flags.sh")));
        site.file(site.home.resolve("lib/user/im-user.jar"), "jar");
        site.file(site.home.resolve("lib/user/im-config.jar"), "jar");
        site.file(site.home.resolve("etc/config-dir"), site.configDir + "\n");
        site.file(site.configDir.resolve("ucloud_key.pub"), "key\n");
        site.writeConfig("");
        return site;
    }

    /** Writes config.yml with {@code coreExtra} added to its core section (e.g. a publicKeyFile line). */
    void writeConfig(String coreExtra) throws IOException {
        file(configDir.resolve("config.yml"), """
                provider:
                  id: slurm
                  publicUrl: https://slurm.example.org
                core:
                  url: https://cloud.example.org
                  %s
                products: {home: {type: storage, accountingUnit: {name: GB}, accountingFrequency: PERIODIC_DAY, products: [{name: home}]}}
                """.formatted(coreExtra));
    }

    /** A root-owned file, mode 0644, with the given content. */
    public Path file(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        return path;
    }

    /** Gives {@code path} (and, for a directory, everything in it) to {@code nobody}, as if it were the service account's. */
    public static Path giveToNobody(Path path) throws IOException {
        UserPrincipal nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (var entries = Files.walk(path)) {
            for (Path entry : entries.toList()) {
                Files.setOwner(entry, nobody);
            }
        }
        return path;
    }

    public static boolean root() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}

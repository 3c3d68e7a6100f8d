package dk.sdu.im.server.instances;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sudoers rule that lets the service user start exactly one program, with no arguments, as members of
 * one group, never as root, with the environment reset and no SETENV (DESIGN 4.2). Printed by
 * {@code ucloud-im sudoers} for the administrator to install as a file of its own in {@code /etc/sudoers.d}.
 *
 * <p>Sudo aliases are global across every sudoers file, and a second definition of a name does not fail: sudo warns
 * and the later one wins, so a second installation's rule with the same alias names would rebind this one to the
 * other service account's launcher and group. The names therefore belong to the installation: {@code UCLOUD_IM_},
 * the first 8 hexadecimal digits of the SHA-256 of the launcher's path, and {@code _USERS} or {@code _LAUNCHER}
 * (valid sudoers alias names: upper-case letters, digits and underscores, starting with a letter). Two installations
 * have two launchers, so two sets of names; the same installation always prints the same names.
 */
public record SudoRule(String serviceUser, String userGroup, Path launcher) {

    /** This installation's alias names start with this, e.g. {@code UCLOUD_IM_3F2A91C0}. */
    public String aliasPrefix() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(launcher.toString().getBytes(StandardCharsets.UTF_8));
            return "UCLOUD_IM_" + HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public String text() {
        return """
                # ucloud-im sudo rule for %3$s
                # Install as its own file in /etc/sudoers.d (root:root, mode 0440), e.g. /etc/sudoers.d/ucloud-im, after
                # visudo -cf accepted it; a second installation on this host gets a file of its own beside it.
                # %1$s may run %3$s, with no arguments, as members of group %2$s, never as root.
                # The alias names are this installation's own (from the launcher's path), so other rules cannot rebind them.
                Runas_Alias %4$s_USERS = %%%2$s, !root, !#0
                Cmnd_Alias  %4$s_LAUNCHER = %3$s ""
                Defaults:%1$s env_reset, !setenv, secure_path="/usr/local/bin:/usr/bin:/bin", umask=0077
                Defaults!%4$s_LAUNCHER !use_pty, !syslog, !lecture, closefrom=3
                %1$s ALL = (%4$s_USERS) NOPASSWD: %4$s_LAUNCHER
                """.formatted(serviceUser, userGroup, launcher, aliasPrefix());
    }
}

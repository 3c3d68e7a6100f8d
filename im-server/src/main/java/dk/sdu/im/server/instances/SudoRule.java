package dk.sdu.im.server.instances;

import java.nio.file.Path;

/**
 * The sudoers rule that lets the service user start exactly one program, with no arguments, as members of
 * one group, never as root, with the environment reset and no SETENV (DESIGN 4.2). Printed by
 * {@code ucloud-im sudoers} for the administrator to install as {@code /etc/sudoers.d/ucloud-im}.
 */
public record SudoRule(String serviceUser, String userGroup, Path launcher) {

    public String text() {
        return """
                # /etc/sudoers.d/ucloud-im: install as root:root mode 0440, check with: visudo -cf /etc/sudoers.d/ucloud-im
                # %1$s may run %3$s, with no arguments, as members of group %2$s, never as root.
                Runas_Alias UCLOUD_IM_USERS = %%%2$s, !root, !#0
                Cmnd_Alias  UCLOUD_IM_USER = %3$s ""
                Defaults:%1$s env_reset, !setenv, secure_path="/usr/local/bin:/usr/bin:/bin", umask=0077
                Defaults!UCLOUD_IM_USER !use_pty, !syslog, !lecture, closefrom=3
                %1$s ALL = (UCLOUD_IM_USERS) NOPASSWD: UCLOUD_IM_USER
                """.formatted(serviceUser, userGroup, launcher);
    }
}

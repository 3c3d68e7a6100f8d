/**
 * The admin CLI ({@code ucloud-im users|instances|routes|drives|jobs|sudoers|completion}), parsed with picocli:
 * {@link dk.sdu.im.cli.CliMain} is its entry point and {@link dk.sdu.im.cli.UcloudImCommand} the command tree.
 *
 * <p>Trust: it runs as whoever the administrator is and holds no authority of its own. It reads config.yml only to
 * find the IPC socket, and asks IM/Server, which authorises every request by the kernel-reported peer uid and gid
 * (root, or a member of {@code server.adminGroup}) and refuses everyone else itself. Exit codes: {@link CliFailure}.
 */
package dk.sdu.im.cli;

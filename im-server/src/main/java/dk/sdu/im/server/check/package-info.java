/**
 * {@code ucloud-im config check}: validates a configuration directory and the install it names without starting
 * anything, and reports every problem at once. Runs as root or as the service user, never changes a file, and uses the
 * same checks IM/Server makes at start-up and before each launch ({@link dk.sdu.im.config.ImConfig#inspect},
 * {@link dk.sdu.im.config.Secrets#inspect}, {@link dk.sdu.im.server.instances.InstallCheck}), not copies of them.
 */
package dk.sdu.im.server.check;

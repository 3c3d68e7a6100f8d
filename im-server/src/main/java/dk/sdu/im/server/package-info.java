/**
 * IM/Server, the service user's process. {@link dk.sdu.im.server.ServerMain} is its one entry point and
 * {@link dk.sdu.im.server.ImServer} its composition root: configuration, then database and identity, then
 * the UCloud client, then the loopback listener.
 *
 * <p>What this process may do, in one place: run as the unprivileged service user (never root); read
 * config.yml, secrets.yml (its own, mode 0600), the gateway's certificate and key ({@code gateway.tls}, the key its
 * own, mode 0600) and UCloud's public key; read and write its database; listen on
 * loopback only; call UCloud; tell systemd it is ready or stopping ({@code $NOTIFY_SOCKET}, when a {@code Type=notify}
 * unit runs it). It never touches users' files.
 */
package dk.sdu.im.server;

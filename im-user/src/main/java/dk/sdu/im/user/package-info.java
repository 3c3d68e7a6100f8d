/**
 * IM/User, one process per end user, running as that user's own Unix account.
 * {@link dk.sdu.im.user.UserMain} is its entry point and composition root.
 *
 * <p>What this process may do, in one place: run as the end user (never root, never below
 * {@code identity.minUid}); read config.yml and UCloud's public key (never secrets.yml: it cannot); listen on
 * one loopback port; talk to IM/Server over the IPC socket; serve calls whose token is UCloud's and whose user
 * context is the user IM/Server assigned, on that user's drives only, with the user's own permissions.
 */
package dk.sdu.im.user;

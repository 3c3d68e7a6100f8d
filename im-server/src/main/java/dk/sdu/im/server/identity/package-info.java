/**
 * Who a UCloud user is on this machine: local accounts (through NSS, so LDAP and files both work) and the
 * mapping from UCloud usernames to local uids, which never changes silently (DESIGN 4, issue 2 item 7).
 *
 * <p>Runs in IM/Server as the service user; reads account data, never changes it.
 */
package dk.sdu.im.server.identity;

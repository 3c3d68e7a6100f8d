/**
 * IM/User instances as IM/Server sees them: launching one per mapped user, proving who a registering
 * process is from kernel facts (DESIGN 4.5), and the route that follows.
 *
 * <p>Trust: nothing an instance says about itself is believed. Its uid and pid come from SO_PEERCRED, its
 * ancestry and listening socket from {@code /proc}; only then is a route installed.
 */
package dk.sdu.im.server.instances;

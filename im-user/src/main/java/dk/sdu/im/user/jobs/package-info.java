/**
 * IM/User's jobs: submission and cancellation as the user, through the configured backend's user half, with IM/Server
 * told of each job so that its monitor follows it.
 */
package dk.sdu.im.user.jobs;

/**
 * Development mode ({@code ucloud-im dev}): a complete provider on one machine with embedded defaults. It
 * runs the UCloud stand-in in this process and the module's own processes as children, exactly as a site
 * runs them, and stops them all on Ctrl-C. Started as root it creates an unprivileged service account and
 * a demo user and runs the module under them, because no module process may run as root.
 */
package dk.sdu.im.dev;

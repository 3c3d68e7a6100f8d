/**
 * Log output shared by every process: one line per record on stderr or in a rotated file, as text or JSON, and the
 * request log (call name, UCloud user, status, duration); and IM/Server's audit trail ({@link dk.sdu.im.api.log.Audit},
 * written by {@link dk.sdu.im.api.log.AuditOutput} as JSON lines to its own destination, docs/audit.md). All of it is
 * java.util.logging. Configured once by each process's composition root.
 */
package dk.sdu.im.api.log;

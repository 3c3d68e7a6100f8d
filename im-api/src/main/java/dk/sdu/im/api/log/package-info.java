/**
 * Log output shared by every process: one line per record on stderr, as text or JSON, and the request
 * log (call name, UCloud user, status, duration). Configured once by each process's composition root.
 */
package dk.sdu.im.api.log;

/**
 * IM/Server's metrics (Prometheus text format) and health checks, served on the loopback listener that
 * {@code server.metrics} configures: {@code /metrics}, {@code /healthz}, {@code /readyz}. Instances do not load a
 * metrics library: they report what they served over IPC ({@code InstanceToServer.Served}) and IM/Server adds it up
 * here.
 *
 * <p>Trust: any local account may connect to the listener, so it reads nothing but a bounded request head, answers
 * only GET and HEAD, holds few connections ({@link dk.sdu.im.server.metrics.MetricsListener}), and says nothing
 * secret: no user name appears in any label (labels are call names, statuses, phases and fixed reasons), and the
 * readiness reply names only the failing check and the administrator's fix. Instances' reports are bounded by their
 * wire type and by {@link dk.sdu.im.server.metrics.CallTable}'s series limit.
 *
 * <p>Touches: one loopback listening socket; reads the supervisor, route table, database pool, UCloud callbacks and
 * tracked jobs; writes nothing.
 */
package dk.sdu.im.server.metrics;

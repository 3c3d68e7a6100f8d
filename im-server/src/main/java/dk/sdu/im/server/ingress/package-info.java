/**
 * The public ingress when it is HAProxy ({@code gateway.type: haproxy}): the configuration fragment
 * {@code ucloud-im haproxy-config} prints, and the route table that keeps HAProxy's routes map in step with the
 * verified instances through HAProxy's runtime API, besides the embedded gateway's own routes.
 *
 * <p>Trust: runs in IM/Server as the service user. HAProxy's runtime socket is the service user's alone (the printed
 * fragment declares it so); what HAProxy answers is only checked for success, never believed about routes beyond
 * what this process itself sent. A route reaches HAProxy only through {@link dk.sdu.im.server.instances.RouteTable#up},
 * which the supervisor calls after the instance proved who it is (DESIGN 4.5).
 */
package dk.sdu.im.server.ingress;

package dk.sdu.im.server.ingress;

import dk.sdu.im.config.HaproxyConfig;
import dk.sdu.im.config.ImConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HAProxy configuration for {@code gateway.type: haproxy}, printed by {@code ucloud-im haproxy-config} for the
 * administrator to append to HAProxy's configuration. It declares the runtime socket IM/Server drives, one frontend
 * with the TLS certificate, a backend that sends a request straight to the user's instance, and the embedded gateway
 * on loopback as the backend for everything else.
 *
 * <p>Which requests go straight to an instance: only the plain case, so that every other routing rule stays in the
 * embedded gateway ({@code dk.sdu.im.gateway.Router}). The request carries exactly one {@code ucloud-username} value
 * and that value is a key of the routes map (IM/Server adds a key only for a verified instance), and it is not
 * {@code POST /ucloud/<id>/integration/init} (matched on the percent-decoded path, slashes collapsed, as the Router
 * does). Requests routed by {@code usernameHint}, without a user, for a user without a route (the cold start: the
 * embedded gateway holds the request while the instance starts) and with a malformed or repeated header go to the
 * embedded gateway, which answers or forwards them exactly as when it is the public listener.
 *
 * <p>Connections to instances are kept alive. HAProxy keys an idle connection to a {@code 0.0.0.0:0} server by the
 * destination that {@code set-dst} chose, so a connection opened to alice's instance only ever carries requests for
 * that same port; instances check every request's token and user themselves anyway.
 *
 * <p>Each request sent straight to an instance is tracked in a stick table ({@link HaproxyActivity}), which IM/Server
 * reads before it stops an instance as idle.
 *
 * @param serviceUser the account IM/Server runs as, sole owner of the runtime socket
 * @param gatewayHost the embedded gateway's loopback address
 * @param gatewayPort the embedded gateway's port
 * @param haproxy the runtime socket, map file, HAProxy's account, public bind and certificate
 * @param configDirectory the configuration directory this was printed from, for the header comment
 */
public record HaproxyFragment(String serviceUser, String gatewayHost, int gatewayPort, HaproxyConfig haproxy,
                              Path configDirectory) {
    /**
     * HAProxy's own answers in UCloud's error body (provider API 1.4), as the embedded gateway gives its own. Not 400 or
     * 408: HAProxy 2.6 answers a request it cannot parse with its built-in page whatever the configuration says (its
     * issue 3032, fixed in 3.2).
     */
    private static final Map<Integer, String> ERRORS = Map.of(
            500, "The provider's proxy failed",
            502, "The user's instance did not answer properly",
            503, "The user's instance cannot be reached; try again",
            504, "The user's instance did not answer in time");

    /** The frontend's TLS 1.2 ciphers and TLS 1.3 suites: ECDHE with AES-GCM or ChaCha20-Poly1305, nothing else. */
    private static final String TLS_CHOICES = "ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
            + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-CHACHA20-POLY1305 ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:"
            + "TLS_CHACHA20_POLY1305_SHA256";

    public static HaproxyFragment of(ImConfig config) {
        return new HaproxyFragment(config.instances().serviceUser(), config.gateway().host(), config.gateway().port(),
                config.gateway().haproxy(), config.directory());
    }

    public String text() {
        return """
                # ucloud-im: HAProxy in front of the integration module (gateway.type: haproxy), printed by
                # "ucloud-im haproxy-config" for %1$s. Append it to /etc/haproxy/haproxy.cfg and check the whole
                # file with "haproxy -c -f /etc/haproxy/haproxy.cfg". Its sections are named ucloud-im and use their own
                # defaults, so the rest of the file is not affected.
                #
                # HAProxy must run as %2$s (gateway.haproxy.user), which user instances admit besides %3$s and root:
                # Debian's haproxy.cfg says "user haproxy" and "group haproxy" in its global section already.
                # HAProxy reads the routes map when it starts, so IM/Server should run first (it writes the map at
                # start-up); after a restart of HAProxy, IM/Server sends every route again within seconds.

                global
                    # IM/Server's runtime API: it adds a map entry for a verified instance and removes it when the instance
                    # goes. Only %3$s (and root) may connect; "operator" allows map changes, not reconfiguration.
                    stats socket %4$s mode 600 user %3$s level operator

                defaults ucloud-im
                    mode http
                    option http-keep-alive
                    # splice(2) keeps relayed bytes in the kernel where both sides are clear text (not on the TLS side).
                    option splice-request
                    option splice-response
                    timeout connect 2s
                    timeout http-request 10s
                    timeout http-keep-alive 30s
                    # As long as the embedded gateway holds a request for a cold start or waits on a silent backend.
                    timeout client 5m
                    timeout server 5m
                    # Open WebSockets (uploads, search, job output) may be silent for long.
                    timeout tunnel 1h
                    retries 2
                %5$s
                frontend ucloud-im from ucloud-im
                    # TLS 1.2 and 1.3 with forward secrecy and AEAD ciphers only (Mozilla's "intermediate" choices without
                    # DHE), as the embedded gateway offers.
                    bind %6$s ssl crt %7$s alpn http/1.1 ssl-min-ver TLSv1.2 %12$s
                    http-response set-header Strict-Transport-Security "max-age=31536000"
                    # The edge sets these itself, as the embedded gateway does.
                    http-request del-header X-Forwarded-For
                    http-request set-header X-Forwarded-Proto https
                    option forwardfor
                    # integration/init always goes to IM/Server, through the embedded gateway, whatever it carries.
                    acl ucloud_im_init path,url_dec -m reg ^/*ucloud/+[^/]+/+integration/+init/*$
                    use_backend ucloud-im-gateway if METH_POST ucloud_im_init
                    # Straight to the user's instance only with exactly one ucloud-username value that has a route.
                    acl ucloud_im_one_user req.hdr_cnt(ucloud-username) eq 1
                    acl ucloud_im_routed req.hdr(ucloud-username),map(%8$s) -m found
                    use_backend ucloud-im-instance if ucloud_im_one_user ucloud_im_routed
                    # Everything else: system calls, usernameHint links, cold starts, malformed requests.
                    default_backend ucloud-im-gateway

                backend ucloud-im-instance from ucloud-im
                    # IM/Server asks this table before it stops an instance as idle: what went straight to it.
                    %10$s
                    http-request set-dst ipv4(127.0.0.1)
                    http-request set-dst-port req.hdr(ucloud-username),map(%8$s)
                    server instance 0.0.0.0:0

                backend ucloud-im-gateway from ucloud-im
                    server gateway %9$s

                %11$s""".formatted(configDirectory, haproxy.user(), serviceUser, haproxy.runtimeSocket(), errors(),
                haproxy.bind(), haproxy.certificate(), haproxy.mapFile(), gatewayAddress(), HaproxyActivity.track(),
                HaproxyActivity.table(), TLS_CHOICES);
    }

    private String gatewayAddress() {
        String host = gatewayHost.equals("localhost") ? "127.0.0.1" : gatewayHost;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + gatewayPort;
    }

    private static String errors() {
        return ERRORS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(error -> "    http-error status " + error.getKey() + " content-type \"application/json; charset=utf-8\""
                        + " string \"{\\\"statusCode\\\":" + error.getKey() + ",\\\"why\\\":\\\"" + error.getValue()
                        + "\\\",\\\"errorCode\\\":null}\"")
                .collect(Collectors.joining("\n", "", "\n"));
    }
}

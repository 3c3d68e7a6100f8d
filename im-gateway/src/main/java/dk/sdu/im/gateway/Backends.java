package dk.sdu.im.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a {@link Destination} into the address to connect to: IM/Server's configured address, or
 * {@code 127.0.0.1} and the user's route. A user without a route gets a cold start when the request carries an
 * {@code Authorization} header (which IM/Server verifies): this thread waits, at most {@code coldStartWait}, for
 * IM/Server's {@link ColdStart} future, while the request stays unread in the client connection. Without one the
 * request is a capability link whose instance is gone: 404, whoever the user, and nothing is started. Instances only ever listen on loopback (DESIGN 4.6), so no other host is
 * ever a user's backend.
 */
record Backends(InetSocketAddress system, RouteTable routes, ColdStart coldStart, Duration coldStartWait) {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    /** Where to send a request; {@code authorization} is the request's {@code Authorization} header (null when absent). */
    InetSocketAddress address(Destination destination, String authorization)
            throws GatewayError, InterruptedException {
        return switch (destination) {
            case Destination.SystemBackend system -> this.system;
            case Destination.UserInstance user ->
                    new InetSocketAddress(LOOPBACK, port(user.ucloudUsername(), authorization));
        };
    }

    private int port(String user, String authorization) throws GatewayError, InterruptedException {
        Optional<Integer> route = routes.port(user);
        if (route.isPresent()) {
            return route.get();
        }
        if (authorization == null) {
            throw new GatewayError(404, "This link is unknown or has expired; start again from UCloud");
        }
        return coldStarted(user, authorization);
    }

    private int coldStarted(String user, String authorization) throws GatewayError, InterruptedException {
        try {
            CompletableFuture<Integer> instance = coldStart.instancePort(user, authorization);
            return validPort(instance.get(coldStartWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            throw refusal(user, e.getCause());
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "cold start of {0} did not finish within {1}", user, coldStartWait);
            throw notStarted();
        } catch (RuntimeException e) {
            throw refusal(user, e);
        }
    }

    /** A {@link ColdStartRefused} anywhere in the cause chain gives its status and text; anything else 503. */
    static GatewayError refusal(String user, Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof ColdStartRefused refused) {
                return new GatewayError(refused.status(), refused.why());
            }
        }
        if (!(failure instanceof CancellationException)) {
            LOG.log(System.Logger.Level.WARNING, "cold start of {0} failed: {1}", user, failure.toString());
        }
        return notStarted();
    }

    private static int validPort(Integer port) throws GatewayError {
        if (port == null || port < 1 || port > 65535) {
            LOG.log(System.Logger.Level.WARNING, "cold start returned an invalid port: {0}", port);
            throw notStarted();
        }
        return port;
    }

    private static GatewayError notStarted() {
        return new GatewayError(503, "The user's instance could not be started");
    }
}

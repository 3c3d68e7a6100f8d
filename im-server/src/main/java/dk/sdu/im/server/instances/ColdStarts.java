package dk.sdu.im.server.instances;

import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.log.Audit;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.gateway.ColdStart;
import dk.sdu.im.gateway.ColdStartRefused;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The gateway's cold start as IM/Server answers it: the request's token is verified as UCloud's (signature, issuer,
 * times) before anything about the user is looked at, so an anonymous client can neither start an instance nor learn
 * who is mapped; a token whose {@code ucloudUser} claim names another user than the routing header is refused too.
 * Then the supervisor launches (or finds) the instance, and its refusals become the gateway's.
 */
public final class ColdStarts implements ColdStart {
    private static final Logger LOG = Logger.getLogger(ColdStarts.class.getName());

    private final InstanceSupervisor supervisor;
    private final CoreTokenVerifier verifier;
    private final Audit audit;

    public ColdStarts(InstanceSupervisor supervisor, CoreTokenVerifier verifier, Audit audit) {
        this.audit = audit;
        this.supervisor = supervisor;
        this.verifier = verifier;
    }

    @Override
    public CompletableFuture<Integer> instancePort(String ucloudUsername, String authorization) {
        CoreTokenVerifier.VerifiedToken token;
        try {
            token = verifier.verify(CallerResolver.bearer(authorization));
        } catch (CoreTokenVerifier.TokenRejected rejected) {
            LOG.info(() -> "no cold start for a request naming " + ucloudUsername + ": " + rejected.getMessage());
            audit.tokenRejected("gateway", rejected.getMessage(), ucloudUsername);
            return CompletableFuture.failedFuture(new ColdStartRefused(401, "Unauthorized"));
        }
        if (token.ucloudUser().isPresent() && !token.ucloudUser().get().equals(ucloudUsername)) {
            return CompletableFuture.failedFuture(new ColdStartRefused(403,
                    "The ucloud-username header does not match the user of the token"));
        }
        return supervisor.instancePort(ucloudUsername).exceptionallyCompose(ColdStarts::asRefusal);
    }

    private static CompletableFuture<Integer> asRefusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof LaunchRefused refused) {
            return CompletableFuture.failedFuture(new ColdStartRefused(refused.status(), refused.getMessage()));
        }
        return CompletableFuture.failedFuture(cause);
    }
}

package dk.sdu.im.server.calls;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.rpc.Reply;
import dk.sdu.im.api.wire.Integration;
import dk.sdu.im.server.identity.UserDirectory;
import dk.sdu.im.server.identity.UserDirectory.IdentityProblem;
import dk.sdu.im.server.ucloud.CoreClient;
import dk.sdu.im.server.ucloud.CoreFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Logger;

/**
 * User connection (contract 3.2) with the static identity method: {@code connect} approves at UCloud at
 * once when the administrator mapped the user, and otherwise sends the browser to a page that says how to
 * get an account; {@code unlinked} forgets the recorded mapping; {@code init} starts per-user resources.
 */
public final class IntegrationCalls {
    private static final Logger LOG = Logger.getLogger(IntegrationCalls.class.getName());
    static final int MAX_USERNAME_CHARS = 255;
    /** Core gives up after 5 s; answer before that even if the instance is still starting. */
    private static final int INIT_WAIT_SECONDS = 4;

    private final UserDirectory directory;
    private final CoreClient core;
    private final URI corePublicUrl;
    private final URI helpPage;
    private final ConnectHelpPage page;
    private final java.util.function.Function<String, java.util.concurrent.CompletableFuture<Integer>> instances;
    private final dk.sdu.im.server.ucloud.DriveRegistration drives;
    private final java.util.function.Predicate<dk.sdu.im.server.identity.LocalAccount> servable;

    /** @param servable whether an account may be launched at all (in the sudo rule's group); others are not connected */
    public IntegrationCalls(UserDirectory directory, CoreClient core, URI corePublicUrl, URI providerPublicUrl,
                            String providerId, ConnectHelpPage page,
                            java.util.function.Function<String, java.util.concurrent.CompletableFuture<Integer>> instances,
                            dk.sdu.im.server.ucloud.DriveRegistration drives,
                            java.util.function.Predicate<dk.sdu.im.server.identity.LocalAccount> servable) {
        this.servable = servable;
        this.instances = instances;
        this.drives = drives;
        this.directory = directory;
        this.core = core;
        this.corePublicUrl = corePublicUrl;
        this.helpPage = URI.create(withoutTrailingSlash(providerPublicUrl) + "/ucloud/" + providerId + "/integration/howToConnect");
        this.page = page;
    }

    Integration.Manifest manifest() {
        return new Integration.Manifest(true, null);
    }

    Reply connect(Call call) throws Exception {
        String username = username(call);
        var mapping = mapping(username);
        if (mapping.isPresent() && servable.test(mapping.get().account())) {
            registerDrives(mapping.get());
            approve(username);
            return Reply.json(new Integration.ConnectResponse(corePublicUrl.toString()));
        }
        if (mapping.isPresent()) {
            LOG.warning(() -> "connect: " + username + " maps to " + mapping.get().account().name() + ", who may not be"
                    + " served (not in instances.userGroup); sent to the help page, nothing registered");
        } else {
            LOG.info(() -> "connect: " + username + " has no local account mapping; sent to the help page");
        }
        String query = "?username=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
        return Reply.json(new Integration.ConnectResponse(helpPage + query));
    }

    Reply unlinked(Call call) {
        String username = username(call);
        if (directory.unlink(username)) {
            LOG.info(() -> "unlinked: forgot the recorded mapping of " + username);
        }
        return Reply.json(Map.of());
    }

    /**
     * Starts the user's instance (UCloud's 449 protocol: Core calls init, waits 500 ms and retries). Answers
     * once the instance is verified and routed, or within Core's budget, whichever comes first.
     */
    Reply init(Call call) {
        String username = username(call);
        if (call.caller().ucloudUser().isPresent() && !call.caller().ucloudUser().get().equals(username)) {
            throw ApiException.forbidden("init names another user than the request's user context");
        }
        try {
            instances.apply(username).get(INIT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException stillStarting) {
            LOG.info(() -> "init: the instance for " + username + " is still starting");
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof dk.sdu.im.server.instances.LaunchRefused refused) {
                throw ApiException.of(refused.status(), refused.getMessage(), null);
            }
            throw ApiException.unavailable("Your instance could not be started", failed.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted", e);
        }
        return Reply.json(Map.of());
    }

    Reply howToConnect(Call call) {
        return Reply.html(200, page.render(call.query("username")));
    }

    private void registerDrives(UserDirectory.Mapped mapped) {
        var mapping = mapped.mapping();
        try {
            drives.ensure(mapping, mapped.account());
        } catch (CoreFailure failure) {
            LOG.warning("connect: registering the drives of " + mapping.ucloudUsername() + " failed: " + failure.getMessage());
            throw ApiException.unavailable("The provider could not register your drives with UCloud; try again shortly",
                    failure);
        }
    }

    private java.util.Optional<UserDirectory.Mapped> mapping(String username) {
        try {
            return directory.resolveAccount(username);
        } catch (IdentityProblem problem) {
            LOG.warning("connect: refused " + username + ": " + problem.getMessage());
            throw ApiException.forbidden("Your UCloud user cannot be connected to this provider; the provider's"
                    + " administrators have been told why in their log");
        }
    }

    private void approve(String username) {
        try {
            core.post("/api/providers/integration/control/approveConnection", new Integration.UsernameRequest(username));
            LOG.info(() -> "connect: approved " + username + " at UCloud");
        } catch (CoreFailure failure) {
            LOG.warning("connect: approving " + username + " failed: " + failure.getMessage());
            throw ApiException.unavailable("The provider could not confirm the connection with UCloud; try again shortly",
                    failure);
        }
    }

    private static String username(Call call) {
        String username = call.body(Integration.UsernameRequest.class).username();
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME_CHARS) {
            throw ApiException.badRequest("username is required (at most " + MAX_USERNAME_CHARS + " characters)");
        }
        return username;
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

package dk.sdu.im.user.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.Route;
import dk.sdu.im.api.rpc.RpcServer;
import dk.sdu.im.api.wire.Files;
import dk.sdu.im.testkit.browser.BrowserReach;
import dk.sdu.im.testkit.browser.FrontendDownload;
import dk.sdu.im.testkit.browser.FrontendUpload;
import dk.sdu.im.testkit.client.Caller;
import dk.sdu.im.testkit.client.ProviderClient;
import dk.sdu.im.testkit.core.CoreTokens;
import dk.sdu.im.user.files.DriveRoot;
import dk.sdu.im.api.http.HttpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * IM/User's transfer side as UCloud's frontend meets it: {@code files/upload} and {@code files/download} calls
 * (token and user context checked), CHUNKED posts, WEBSOCKET_V2 and downloads, all on one real listener for one
 * instance user as an instance serves them; Core's client for that user, and the testkit's frontend emulation
 * reaching that listener as a gateway would route to it. Drive {@code 12} is {@link UploadFixture}'s.
 */
final class FrontendFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Core's tokens, with a key of their own; immutable. */
    private static final CoreTokens CORE = CoreTokens.withNewKey("cloud.sdu.dk", Clock.systemUTC(), new SecureRandom());

    final String user;
    final UploadFixture instance;
    final DownloadService downloads;
    final JsonNode drive = Json.boundaryMapper().valueToTree(new Files.Drive("12", "home"));
    final FrontendUpload upload;
    final FrontendDownload download;
    /** Where the emulated browser reaches the instance's one listener, as through a gateway. */
    final BrowserReach reach;
    private final HttpListener sockets;
    private final ProviderClient core;

    FrontendFixture(Path temp, String user) throws IOException {
        this.user = user;
        this.instance = new UploadFixture(temp);
        this.downloads = new DownloadService(instance.tokens, instance.clock, URI.create(UploadFixture.PUBLIC_URL), "slurm");
        this.sockets = HttpListener.start(loopback(), new HttpListener.Endpoints(
                Map.of(instance.service.uploadPath(), new WebSocketUploadEndpoint(instance.service, () -> { }, new RequestLog())),
                Map.of(downloads.downloadPath(), new DownloadEndpoint(new DownloadResponder(downloads), new RequestLog(), () -> { })),
                Map.of("/", RpcServer.handler(routes(), settings()), instance.service.uploadPath(),
                        new ChunkedUploadHandler(instance.chunked, instance.service.uploadPath(), new RequestLog(), () -> { }))),
                HttpListener.Settings.defaults());
        String local = "http://127.0.0.1:" + sockets.address().getPort();
        this.core = new ProviderClient(URI.create(local), "slurm", CORE);
        this.reach = BrowserReach.instance(UploadFixture.PUBLIC_URL, local);
        this.upload = new FrontendUpload(core(), drive, user, reach, TIMEOUT);
        this.download = new FrontendDownload(user, reach, TIMEOUT);
    }

    /** Core's client for the instance's user, as it forwards the frontend's calls. */
    Caller core() {
        return core.asUser(user);
    }

    /** The download endpoint {@code files/download} hands out for {@code id}, through Core. */
    String downloadEndpoint(String id) {
        return FrontendDownload.endpoint(core(), drive, id);
    }

    private List<Route> routes() {
        Function<Files.Drive, DriveRoot> drives = drive -> {
            if (drive == null || !"12".equals(drive.id())) {
                throw ApiException.forbidden("Not one of your drives");
            }
            return instance.drive;
        };
        return List.of(CreateUploadCall.route("slurm", drives, instance.service),
                CreateDownloadCall.route("slurm", drives, downloads));
    }

    private RpcServer.Settings settings() {
        var verifier = new CoreTokenVerifier((RSAPublicKey) CORE.keyPair().getPublic(), "cloud.sdu.dk", Duration.ofSeconds(60),
                Clock.systemUTC());
        return new RpcServer.Settings(new CallerResolver(verifier, dk.sdu.im.api.rpc.UserClaimRule.auto(false, "IM/User"), () -> user), Json.boundaryMapper(), 1 << 20,
                new RequestLog(), () -> { });
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public void close() {
        upload.close();
        download.close();
        core.close();
        sockets.close();
        instance.close();
    }
}

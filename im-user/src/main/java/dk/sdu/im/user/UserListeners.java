package dk.sdu.im.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import dk.sdu.im.api.auth.CoreTokenVerifier;
import dk.sdu.im.api.auth.UCloudPublicKey;
import dk.sdu.im.api.log.RequestLog;
import dk.sdu.im.api.rpc.CallerResolver;
import dk.sdu.im.api.rpc.RpcServer;
import dk.sdu.im.api.rpc.UserClaimRule;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.user.files.FileBrowser;
import dk.sdu.im.user.files.FileCalls;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.user.files.FileSearch;
import dk.sdu.im.user.transfer.ChunkedUploadHandler;
import dk.sdu.im.user.transfer.DownloadEndpoint;
import dk.sdu.im.user.transfer.DownloadResponder;
import dk.sdu.im.user.transfer.WebSocketUploadEndpoint;
import dk.sdu.im.api.http.PeerCheck;
import dk.sdu.im.api.http.PlainEndpoint;
import dk.sdu.im.api.http.SocketEndpoint;
import dk.sdu.im.api.http.HttpListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IM/User's one loopback listener with every user call wired in: HTTP calls and chunked uploads, WebSocket upgrades
 * (search, uploads, job output) and downloads (sent with sendfile). Its accept is this module's own, so every
 * connection's peer is checked ({@link GatewayPeers}, {@link dk.sdu.im.ipc.kernel.PeerAccounts}) before a byte of it is read. Built by {@link UserMain} and, identically, by the
 * AOT training run, so that the cache holds exactly the classes a real instance loads.
 */
record UserListeners(HttpListener server) {

    /**
     * What the listener serves; {@code owner} names the UCloud user once IM/Server has assigned it, {@code claims}
     * says whether user calls must carry the {@code ucloudUser} claim, and {@code peers} admits connections.
     */
    record Parts(ImConfig config, CoreTokenVerifier verifier, UserDrives drives, FileOperations operations, FileBrowser browser, Activity activity,
                 Supplier<String> owner, UserClaimRule claims, ObjectMapper mapper, PeerCheck peers,
                 dk.sdu.im.user.jobs.UserJobs jobs, ServedTally served, CallerResolver.Rejections rejections) {
    }

    /** The verifier of UCloud's tokens from the configured key; built once, before the listeners (the warm-up uses it). */
    static CoreTokenVerifier verifier(ImConfig config) throws UCloudPublicKey.InvalidKeyFile {
        return new CoreTokenVerifier(UCloudPublicKey.load(config.core().publicKeyFile()), config.core().issuer(),
                config.core().clockSkew(), Clock.systemUTC());
    }

    static UserListeners start(Parts parts) throws IOException {
        ImConfig config = parts.config();
        var callers = new CallerResolver(parts.verifier(), parts.claims(), parts.owner(), parts.rejections());
        Activity activity = parts.activity();
        ServedTally served = parts.served();
        var transfers = Transfers.of(config, parts.operations(), served);
        UserDrives drives = parts.drives();
        var files = new FileCalls(parts.operations(), drives::resolve, drives::byIdInCategory);
        var routes = new java.util.ArrayList<>(UserRoutes.routes(config.provider().id(), drives, parts.browser(), transfers, files));
        routes.addAll(parts.jobs().routes());
        var settings = new RpcServer.Settings(callers, parts.mapper(), config.server().maxRequestBytes(), new RequestLog(served),
                activity::touch);
        Map<String, HttpHandler> calls = Map.of(
                "/", RpcServer.handler(routes, settings),
                transfers.uploads().uploadPath(),
                new ChunkedUploadHandler(transfers.chunked(), transfers.uploads().uploadPath(), new RequestLog(served), activity::touch));
        var search = new StreamingSearchEndpoint(callers, parts.mapper(), drives::byIdInCategory,
                new FileSearch(Clock.systemUTC(), FileSearch.Limits.DEFAULT), activity::touch, new RequestLog(served));
        Map<String, SocketEndpoint> endpoints = new java.util.HashMap<>(Map.of(
                "/ucloud/" + config.provider().id() + "/files", search,
                transfers.uploads().uploadPath(), new WebSocketUploadEndpoint(transfers.uploads(), activity::touch, new RequestLog(served), served)));
        endpoints.putAll(parts.jobs().endpoints(callers, parts.mapper(), activity::touch));
        Map<String, PlainEndpoint> plain = Map.of(transfers.downloads().downloadPath(),
                new DownloadEndpoint(new DownloadResponder(transfers.downloads()), new RequestLog(served), activity::touch, served));
        var server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new HttpListener.Endpoints(endpoints, plain, calls),
                HttpListener.Settings.defaults().withOnActivity(activity::touch), parts.peers());
        transfers.sweepInBackground();
        return new UserListeners(server);
    }

    /** The port every request goes to. */
    int port() {
        return server.address().getPort();
    }

    void close() {
        server.close();
    }
}

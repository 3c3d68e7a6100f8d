package dk.sdu.im.user;

import dk.sdu.im.api.Json;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.RehearsalServer;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.user.files.FileBrowser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Level;

/**
 * The training run for IM/User's AOT cache (JEP 483/514), run at install time by {@code ucloud-im aot} with
 * {@code -XX:AOTCacheOutput}: it goes through IM/User's start-up (configuration, key, listener) and serves
 * browse calls in-process, then exits so the JVM writes the cache. It touches only a temporary directory,
 * never a user's files, and talks to nobody but itself on loopback.
 *
 * <p>Every class the training loads goes into the cache, and an instance loads the whole cache at start-up
 * whether it needs a class or not. So the training's own side of each conversation uses what an instance uses
 * anyway: the IPC stand-in is {@link RehearsalServer} (JDK unix sockets, not IM/Server's junixsocket), the HTTP
 * client is a plain {@link SocketChannel}, and the token is signed with {@link Signature}, not a JWT library.
 */
public final class AotTraining {
    private static final String PROVIDER = "aot";

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("ucloud-im-aot");
        try {
            train(dir);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    delete(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static void train(Path dir) throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        var pair = keys.generateKeyPair();
        Files.writeString(dir.resolve("ucloud_key.pub"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Files.writeString(dir.resolve("config.yml"), """
                provider: {id: %s, publicUrl: http://127.0.0.1:1}
                core: {url: http://127.0.0.1:1}
                products:
                  home: {type: storage, accountingUnit: {name: GB}, accountingFrequency: PERIODIC_DAY, products: [{name: home}]}
                """.formatted(PROVIDER));
        ImConfig config = ImConfig.load(dir);
        LogOutput.install(LogOutput.Format.TEXT, Level.WARNING, "im-user-aot");
        ProcessIdentity.effectiveUid();
        Path home = Files.createDirectories(dir.resolve("home"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(home.resolve("file-" + i + ".txt"), "x".repeat(i));
        }
        var operations = new dk.sdu.im.user.files.FileOperations(dk.sdu.im.user.files.TaskReporter.loggingOnly());
        var verifier = UserListeners.verifier(config);
        var browser = new FileBrowser();
        var mapper = Json.boundaryMapper();
        new WarmUp(verifier, browser, mapper, home).run();
        var listeners = UserListeners.start(new UserListeners.Parts(config, verifier, new UserDrives(config.drives(),
                () -> "train", home.toRealPath()), operations, browser, new Activity(Clock.systemUTC()), () -> "train#1", UserClaims.of(config), mapper,
                new dk.sdu.im.ipc.kernel.PeerAccounts(java.util.Set.of(ProcessIdentity.effectiveUid()),
                        dk.sdu.im.ipc.kernel.PeerAccounts.kernel(), "the training run's account")::admits,
                dk.sdu.im.user.jobs.UserJobs.none(), new ServedTally(), dk.sdu.im.api.rpc.CallerResolver.Rejections.NONE));
        registerOverIpc(dir.resolve("ipc.sock"), listeners.port());
        String jwt = token(pair.getPrivate());
        String body = """
                {"resolvedCollection":{"id":"1","providerGeneratedId":"home train#1\\n%s"},
                 "Browse":{"flags":{"path":"/1"},"itemsPerPage":25}}""".formatted(home.toRealPath());
        for (int i = 0; i < 300; i++) {
            post(listeners.port(), jwt, i % 2 == 0 ? body : body.replace("\"/1\"", "\"/1/file-1.txt\""));
        }
        listeners.close();
    }

    /** The start-up conversation of a real instance, against an in-process stand-in for IM/Server. */
    private static void registerOverIpc(Path socket, int port) throws Exception {
        try (var server = RehearsalServer.start(socket, new ServerToInstance.Assigned("train#1", "train",
                ProcessIdentity.effectiveUid(), false))) {
            for (int i = 0; i < 20; i++) {
                try (var link = ServerLink.connect(socket, message -> { })) {
                    link.register(port);
                    link.report(new InstanceToServer.Activity(System.currentTimeMillis(), 0, 0));
                }
            }
        }
    }

    /** A service token as UCloud's Core signs it (RS256), for the training's own key. */
    private static String token(PrivateKey key) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64Url("""
                {"iss":"cloud.sdu.dk","sub":"_UCloud","role":"SERVICE","ucloudUser":"train#1","iat":%d,"exp":%d}"""
                .formatted(now, now + 600));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One call over a fresh connection, read to its end (the request asks the server to close); 2xx or 4xx. */
    private static void post(int port, String token, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /ucloud/" + PROVIDER + "/files/browse HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\nucloud-username: "
                + Base64.getEncoder().encodeToString("train#1".getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
            channel.write(ByteBuffer.wrap(content));
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            var response = new ByteArrayOutputStream();
            while (channel.read(buffer.clear()) >= 0) {
                response.write(buffer.array(), 0, buffer.position());
            }
            String status = response.toString(StandardCharsets.ISO_8859_1);
            if (!status.matches("(?s)HTTP/1\\.1 [24]\\d\\d .*")) {
                throw new IllegalStateException("the training's call was not answered: " + status);
            }
        }
    }
}

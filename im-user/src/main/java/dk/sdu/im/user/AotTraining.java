package dk.sdu.im.user;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.log.LogOutput;
import dk.sdu.im.api.host.ProcessIdentity;
import dk.sdu.im.config.ImConfig;
import dk.sdu.im.ipc.InstanceHandler;
import dk.sdu.im.ipc.InstanceSession;
import dk.sdu.im.ipc.InstanceToServer;
import dk.sdu.im.ipc.IpcServer;
import dk.sdu.im.ipc.PeerKind;
import dk.sdu.im.ipc.Permissions;
import dk.sdu.im.ipc.ServerToAdmin;
import dk.sdu.im.ipc.ServerToInstance;
import dk.sdu.im.user.files.FileBrowser;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.logging.Level;

/**
 * The training run for IM/User's AOT cache (JEP 483/514), run at install time by {@code ucloud-im aot} with
 * {@code -XX:AOTCacheOutput}: it goes through IM/User's start-up (configuration, key, listener) and serves
 * browse calls in-process, then exits so the JVM writes the cache. It touches only a temporary directory,
 * never a user's files, and talks to nobody but itself on loopback.
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
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
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
        WarmUp.httpDate();
        new WarmUp(verifier, browser, mapper, home).run();
        var listeners = UserListeners.start(new UserListeners.Parts(config, verifier, new UserDrives(config.drives(),
                () -> "train", home.toRealPath()), operations, browser, new Activity(Clock.systemUTC()), () -> "train#1", mapper));
        var rpc = listeners.rpc();
        registerOverIpc(dir.resolve("ipc.sock"), rpc.address().getPort(), listeners.sockets().address().getPort());
        var claims = new JWTClaimsSet.Builder().issuer("cloud.sdu.dk").subject("_UCloud").claim("role", "SERVICE")
                .claim("ucloudUser", "train#1").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        String body = """
                {"resolvedCollection":{"id":"1","providerGeneratedId":"home train#1\\n%s"},
                 "Browse":{"flags":{"path":"/1"},"itemsPerPage":25}}""".formatted(home.toRealPath());
        for (int i = 0; i < 300; i++) {
            post(rpc.address().getPort(), jwt.serialize(), i % 2 == 0 ? body : body.replace("\"/1\"", "\"/1/file-1.txt\""));
        }
        listeners.close();
    }

    /** The start-up conversation of a real instance, against an in-process stand-in for IM/Server. */
    private static void registerOverIpc(Path socket, int port, int socketPort) throws Exception {
        InstanceHandler handler = new InstanceHandler() {
            @Override
            public ServerToInstance onMessage(InstanceSession session, InstanceToServer message) {
                return message instanceof InstanceToServer.Register
                        ? new ServerToInstance.Assigned("train#1", "train", ProcessIdentity.effectiveUid())
                        : new ServerToInstance.Ack();
            }

            @Override
            public void onClose(InstanceSession session) {
            }
        };
        var permissions = Permissions.builder().allow(InstanceToServer.Hello.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Register.class, PeerKind.INSTANCE)
                .allow(InstanceToServer.Activity.class, PeerKind.INSTANCE).build();
        try (var ipc = IpcServer.start(socket, new IpcServer.Settings(peer -> PeerKind.INSTANCE, permissions, handler,
                (peer, message) -> new ServerToAdmin.Refused("training")))) {
            for (int i = 0; i < 20; i++) {
                try (var link = ServerLink.connect(socket, message -> { })) {
                    link.register(port, socketPort);
                    link.report(new InstanceToServer.Activity(System.currentTimeMillis(), 0, 0));
                }
            }
        }
    }

    private static void post(int port, String token, String body) throws Exception {
        var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ucloud/" + PROVIDER + "/files/browse")
                .toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("ucloud-username", Base64.getEncoder().encodeToString("train#1".getBytes(StandardCharsets.UTF_8)));
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        connection.getResponseCode();
        try (var in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            in.readAllBytes();
        }
    }
}

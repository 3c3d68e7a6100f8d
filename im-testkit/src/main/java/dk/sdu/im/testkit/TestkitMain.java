package dk.sdu.im.testkit;

import dk.sdu.im.testkit.core.FakeCore;
import dk.sdu.im.testkit.core.Provider;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs FakeCore standalone for the development mode.
 *
 * <p>Inputs: argv only ({@link TestkitArgs#USAGE}). It reads no environment and no files. It writes
 * {@code <state-dir>/refresh-token} (mode 0600, exactly the token, no newline) and
 * {@code <state-dir>/ucloud_key.pub} (mode 0644, the key line plus a newline), creating the directory if
 * needed, then prints {@code testkit core listening on http://127.0.0.1:PORT} on stdout and serves until
 * SIGTERM or Ctrl-C. A bad command line is one line on stderr and exit status 2; a failure to start is one
 * line and exit status 1.
 */
public final class TestkitMain {
    private TestkitMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help")) {
            System.out.println(TestkitArgs.USAGE);
            return;
        }
        TestkitArgs parsed;
        try {
            parsed = TestkitArgs.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("testkit: " + e.getMessage() + " (try --help)");
            System.exit(2);
            return;
        }
        FakeCore core;
        try {
            core = start(parsed, System.out);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("testkit: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            core.close();
            stopped.countDown();
        }, "testkit-shutdown"));
        stopped.await();
    }

    /** Starts the core, writes the state files, mounts the proxy, prints the listening line. */
    static FakeCore start(TestkitArgs args, PrintStream out) throws IOException {
        FakeCore core = FakeCore.start(FakeCore.Options.defaults().withPort(args.port()));
        try {
            Provider provider = core.registerProvider(args.providerId());
            writeStateFiles(provider, args.stateDir());
            if (args.providerUrl() != null) {
                ProviderProxy.mount(core, provider, args.providerUrl());
            }
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
        out.println("testkit core listening on " + core.baseUri());
        out.flush();
        return core;
    }

    private static void writeStateFiles(Provider provider, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("refresh-token"), provider.refreshToken(), "rw-------");
        writeAtomically(dir.resolve("ucloud_key.pub"), provider.publicKeyBase64() + "\n", "rw-r--r--");
    }

    /** Creates a temporary file with the final mode from the start, then renames it into place. */
    private static void writeAtomically(Path target, String content, String mode) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(mode));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

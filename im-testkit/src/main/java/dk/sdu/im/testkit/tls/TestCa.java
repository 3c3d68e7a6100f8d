package dk.sdu.im.testkit.tls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority for one test, in its own directory: {@code ca.pem} and {@code ca.key}, made by
 * {@code openssl} when {@link #create} runs, and the certificates it {@link #issue issues}. Every file is named after
 * the certificate it belongs to, so a test can issue a second certificate under another name (a renewal) and move it
 * into place itself.
 */
public final class TestCa {
    /** The openssl the tests use; {@link #available()} says whether it is installed. */
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String REQUEST_CONFIG = """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = placeholder
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            """;

    private final Path directory;
    private final Path requestConfig;

    private TestCa(Path directory) {
        this.directory = directory;
        this.requestConfig = directory.resolve("request.cnf");
    }

    /** Whether {@link #OPENSSL} can be run; tests that need certificates skip with a message otherwise. */
    public static boolean available() {
        return Files.isExecutable(OPENSSL);
    }

    /** Makes a CA ("IM test CA", RSA 2048, valid 825 days) in {@code directory}, which must exist. */
    public static TestCa create(Path directory) throws IOException {
        TestCa ca = new TestCa(directory);
        Files.writeString(ca.requestConfig, REQUEST_CONFIG);
        ca.openssl("req", "-x509", "-config", ca.requestConfig.toString(), "-extensions", "ca", "-newkey", "rsa:2048",
                "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "825", "-subj", "/CN=IM test CA");
        return ca;
    }

    /** The CA's certificate (PEM): what a client that trusts this CA, and nothing else, is given. */
    public Path certificate() {
        return directory.resolve("ca.pem");
    }

    /** The directory holding every file of this CA. */
    public Path directory() {
        return directory;
    }

    /**
     * Issues a server certificate named {@code name} ({@code name.pem}, {@code name.key}, {@code name.p12}), signed by
     * this CA, for the given host names and IP addresses, valid for {@code days} from now; a negative number makes one
     * that expired before it was issued.
     */
    public Issued issue(String name, KeyType keyType, int days, List<String> dnsNames, List<String> ipAddresses)
            throws IOException {
        Path extensions = extensions(name, keyType, dnsNames, ipAddresses);
        newKey(name, keyType, extensions, "-new", "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-CAserial", "ca.srl", "-days", Integer.toString(days), "-out", name + ".pem",
                "-extfile", extensions.toString(), "-extensions", "server");
        return keyStore(name);
    }

    /** A server certificate for localhost and 127.0.0.1, RSA, valid for a year (what testssl rates as fine). */
    public Issued issueForLocalhost(String name) throws IOException {
        return issue(name, KeyType.RSA, 365, List.of("localhost"), List.of("127.0.0.1"));
    }

    /** A certificate for localhost and 127.0.0.1 that signs itself: no CA vouches for it. */
    public Issued selfSigned(String name) throws IOException {
        Path extensions = extensions(name, KeyType.RSA, List.of("localhost"), List.of("127.0.0.1"));
        newKey(name, KeyType.RSA, extensions, "-x509", "-days", "365", "-out", name + ".pem", "-extensions", "server");
        return keyStore(name);
    }

    /**
     * Runs {@code openssl} with these arguments in this CA's directory and waits (at most a minute).
     *
     * @throws IOException with openssl's output when it fails
     */
    public void openssl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running openssl", e);
        } finally {
            process.destroy();
        }
    }

    /** A new key and, by {@code rest}, a request or a self-signed certificate for it; {@code config} is the name's. */
    private void newKey(String name, KeyType keyType, Path config, String... rest) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("req", "-config", config.toString()));
        arguments.addAll(keyType.newKeyArguments());
        arguments.addAll(List.of("-nodes", "-keyout", name + ".key", "-subj", "/CN=" + name));
        arguments.addAll(List.of(rest));
        openssl(arguments.toArray(String[]::new));
    }

    /** The request configuration with the server extensions of one certificate. */
    private Path extensions(String name, KeyType keyType, List<String> dnsNames, List<String> ipAddresses)
            throws IOException {
        List<String> alternatives = new ArrayList<>();
        dnsNames.forEach(dns -> alternatives.add("DNS:" + dns));
        ipAddresses.forEach(ip -> alternatives.add("IP:" + ip));
        String text = REQUEST_CONFIG + """
                [server]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, %s
                extendedKeyUsage = serverAuth
                subjectAltName = %s
                crlDistributionPoints = URI:http://127.0.0.1/im-test-ca.crl
                subjectKeyIdentifier = hash
                """.formatted(keyType.keyUsage(), String.join(", ", alternatives));
        return Files.writeString(directory.resolve(name + ".cnf"), text);
    }

    private Issued keyStore(String name) throws IOException {
        openssl("pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-name", "server",
                "-out", name + ".p12", "-passout", "pass:" + Issued.KEY_STORE_PASSWORD);
        return new Issued(directory.resolve(name + ".pem"), directory.resolve(name + ".key"),
                directory.resolve(name + ".p12"));
    }

    /** The key algorithm of an issued certificate. */
    public enum KeyType {
        RSA(List.of("-newkey", "rsa:2048"), "digitalSignature, keyEncipherment"),
        EC(List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"), "digitalSignature");

        private final List<String> newKeyArguments;
        private final String keyUsage;

        KeyType(List<String> newKeyArguments, String keyUsage) {
            this.newKeyArguments = newKeyArguments;
            this.keyUsage = keyUsage;
        }

        List<String> newKeyArguments() {
            return newKeyArguments;
        }

        String keyUsage() {
            return keyUsage;
        }
    }
}

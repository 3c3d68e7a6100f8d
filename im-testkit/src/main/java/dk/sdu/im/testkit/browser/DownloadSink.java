package dk.sdu.im.testkit.browser;

import java.nio.file.Path;
import java.util.Objects;

/** Where a {@link Download} puts a successful (2xx) body; an error body is always kept as text instead. */
public sealed interface DownloadSink {
    /** Written to this file (created or truncated). */
    record ToFile(Path file) implements DownloadSink {
        public ToFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Only digested, e.g. {@code "SHA-256"}; the result carries the digest in lower-case hex. */
    record ToDigest(String algorithm) implements DownloadSink {
        public ToDigest {
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /** Counted and thrown away. */
    record Discard() implements DownloadSink {
    }

    static DownloadSink sha256() {
        return new ToDigest("SHA-256");
    }
}

package dk.sdu.im.compute.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real Slurm 22.05.8 outputs copied from im-systemtest (see its resources/slurm/README.md). */
final class Captures {
    private Captures() {}

    static String read(String name) {
        try (var in = Captures.class.getResourceAsStream("/dk/sdu/im/compute/slurm/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

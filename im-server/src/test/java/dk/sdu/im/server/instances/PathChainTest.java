package dk.sdu.im.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathChainTest {
    @TempDir
    Path dir;

    @Test
    void passesThroughEveryDirectoryFromTheRoot() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("f"), "x");
        var chain = PathChain.walk(file);
        assertThat(chain.real()).isEqualTo(file.toRealPath());
        assertThat(chain.hops()).extracting(PathChain.Hop::path).startsWith(Path.of("/")).contains(dir.resolve("a"))
                .endsWith(file);
        assertThat(chain.hops()).filteredOn(PathChain.Hop::target).extracting(PathChain.Hop::path).containsExactly(file);
    }

    @Test
    void followsLinksWhereTheyStandSoDotDotIsTheTargetsParent() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/deep"));
        Files.writeString(dir.resolve("elsewhere/f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("elsewhere/deep"));
        var chain = PathChain.walk(dir.resolve("link/../f"));
        assertThat(chain.real()).isEqualTo(dir.resolve("link/../f").toRealPath()).isEqualTo(dir.resolve("elsewhere/f"));
        assertThat(chain.hops()).extracting(PathChain.Hop::path).contains(link, elsewhere);
        assertThat(chain.hops()).filteredOn(PathChain.Hop::link).extracting(PathChain.Hop::path).containsExactly(link);
    }

    @Test
    void aFinalLinkNamesItsTargetAsTheTarget() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        var chain = PathChain.walk(link);
        assertThat(chain.hops()).filteredOn(PathChain.Hop::target).extracting(PathChain.Hop::path).containsExactly(file);
        assertThat(chain.hops().getLast().path()).isEqualTo(file);
    }
}

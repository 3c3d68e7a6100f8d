package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.TestDrive.failure;
import static dk.sdu.im.user.files.TestDrive.flags;
import static dk.sdu.im.user.files.TestDrive.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Envelopes.PageV2;
import dk.sdu.im.api.wire.Files.ProviderFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Paging: every entry exactly once, in order, also when the folder changes between pages. */
class PagingTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path temp;
    TestDrive t;
    Path big;

    @BeforeEach
    void drive() throws Exception {
        t = new TestDrive(temp);
        big = Files.createDirectory(t.root.resolve("big"));
    }

    private void create(Path folder, int count, String format) {
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                Files.write(folder.resolve(String.format(format, i)), new byte[i % 7]);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static List<String> expected(int count, String format) {
        return IntStream.range(0, count).mapToObj(i -> "/12/big/" + String.format(format, i)).toList();
    }

    @Test
    void pagesVisitEveryEntryExactlyOnceInOrder() {
        create(big, 1050, "f%04d");
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = null;
        do {
            PageV2<ProviderFile> page = t.browse(flags("/12/big"), 100, next, "PATH", "ascending");
            assertThat(page.itemsPerPage()).isEqualTo(100);
            seen.addAll(ids(page.items()));
            sizes.add(page.items().size());
            next = page.next();
        } while (next != null);
        assertThat(seen).isEqualTo(expected(1050, "f%04d"));
        assertThat(sizes).hasSize(11).endsWith(50);
    }

    @Test
    void pagesByPathDescendingAreTheReverse() {
        create(big, 1050, "f%04d");
        assertThat(ids(t.browseAll("/12/big", 100, "PATH", "descending"))).isEqualTo(expected(1050, "f%04d").reversed());
    }

    @Test
    void pagesBySizeKeepTiesInNameOrderAcrossPageBoundaries() {
        create(big, 1050, "f%04d");
        Comparator<String> bySize = Comparator.comparingInt(id -> Integer.parseInt(id.substring(id.length() - 4)) % 7);
        List<String> ascending = expected(1050, "f%04d").stream().sorted(bySize.thenComparing(Comparator.naturalOrder())).toList();
        assertThat(ids(t.browseAll("/12/big", 100, "SIZE", "ascending"))).isEqualTo(ascending);
        assertThat(ids(t.browseAll("/12/big", 100, "SIZE", "descending"))).isEqualTo(ascending.reversed());
    }

    @Test
    void pagesByModificationTimeVisitEveryEntryOnce() {
        create(big, 1050, "f%04d");
        List<String> all = ids(t.browseAll("/12/big", 100, "MODIFIED_AT", "descending"));
        assertThat(all).hasSize(1050).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected(1050, "f%04d"));
    }

    @Test
    void filesCreatedOrDeletedBetweenPagesCauseNoDuplicateAndNoSkip() throws Exception {
        create(big, 1050, "f%04d");
        PageV2<ProviderFile> first = t.browse(flags("/12/big"), 100, null, null, null);
        List<String> seen = new ArrayList<>(ids(first.items()));
        Files.delete(big.resolve("f0050"));   // already served
        Files.delete(big.resolve("f0150"));   // not yet served
        Files.delete(big.resolve("f0099"));   // the position the token names
        Files.createFile(big.resolve("a-new"));   // sorts before the position: belongs to no later page
        Files.createFile(big.resolve("f0120x"));  // sorts after it: shows up in its place
        String next = first.next();
        while (next != null) {
            PageV2<ProviderFile> page = t.browse(flags("/12/big"), 100, next, null, null);
            seen.addAll(ids(page.items()));
            next = page.next();
        }
        List<String> survivors = new ArrayList<>(expected(1050, "f%04d"));
        survivors.removeAll(List.of("/12/big/f0150"));
        survivors.add(survivors.indexOf("/12/big/f0121"), "/12/big/f0120x");
        assertThat(seen).doesNotHaveDuplicates().doesNotContain("/12/big/a-new", "/12/big/f0150").isEqualTo(survivors);
    }

    @Test
    void forgedOrForeignPageTokensAreRefused() {
        create(big, 30, "f%04d");
        String token = t.browse(flags("/12/big"), 10, null, "PATH", null).next();
        byte[] raw = Base64.getUrlDecoder().decode(token);
        var encoder = Base64.getUrlEncoder().withoutPadding();
        byte[] slash = java.util.Arrays.copyOf(raw, raw.length + 2);
        slash[raw.length] = '/';
        slash[raw.length + 1] = 'x';
        String withSlash = encoder.encodeToString(slash);
        raw[0] = 9;
        String otherVersion = encoder.encodeToString(raw);
        List<ApiException> errors = List.of(
                failure(() -> t.browse(flags("/12/big"), 10, "not a token!", null, null)),
                failure(() -> t.browse(flags("/12/big"), 10, "AAAA", null, null)),
                failure(() -> t.browse(flags("/12/big"), 10, otherVersion, null, null)),
                failure(() -> t.browse(flags("/12/big"), 10, withSlash, null, null)),
                failure(() -> t.browse(flags("/12/big"), 10, "A".repeat(5000), null, null)),
                failure(() -> t.browse(flags("/12"), 10, token, null, null)),
                failure(() -> t.browse(flags("/12/big"), 10, token, "SIZE", null)),
                failure(() -> t.browse(flags("/12/big"), 10, token, "PATH", "descending")));
        assertThat(errors).allSatisfy(error -> {
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.why()).contains("page token");
        });
        assertThat(t.browse(flags("/12/big"), 10, token, "PATH", "ascending").items()).hasSize(10);
    }

    @Test
    @Timeout(60)
    void firstPageOfAHundredThousandEntriesIsCorrect() {
        create(big, 100_000, "f%06d");
        long started = System.nanoTime();
        PageV2<ProviderFile> first = t.browse(flags("/12/big"), 250, null, null, null);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("first page of 100,000 entries: " + millis + " ms");
        assertThat(ids(first.items())).isEqualTo(expected(250, "f%06d"));
        assertThat(first.items()).allSatisfy(f -> assertThat(f.status().sizeInBytes()).isNotNull());
        PageV2<ProviderFile> second = t.browse(flags("/12/big"), 250, first.next(), null, null);
        assertThat(ids(second.items())).isEqualTo(expected(500, "f%06d").subList(250, 500));
        PageV2<ProviderFile> largest = t.browse(flags("/12/big"), 250, null, "SIZE", "descending");
        assertThat(largest.items()).hasSize(250).allSatisfy(f -> assertThat(f.status().sizeInBytes()).isEqualTo(6));
    }
}

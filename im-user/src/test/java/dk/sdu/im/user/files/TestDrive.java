package dk.sdu.im.user.files;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Envelopes.PageV2;
import dk.sdu.im.api.wire.Files.BrowseOptions;
import dk.sdu.im.api.wire.Files.FileFlags;
import dk.sdu.im.api.wire.Files.ProviderFile;
import dk.sdu.im.api.wire.Files.RetrieveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A real drive "12" in a temporary directory, and short ways to ask the browser about it. */
final class TestDrive {
    final Path base;
    final Path root;
    final DriveRoot drive;
    final FileBrowser browser = new FileBrowser();

    TestDrive(Path temp) throws IOException {
        this.base = temp.toRealPath();
        this.root = Files.createDirectory(base.resolve("12"));
        this.drive = DriveRoot.of("12", root);
    }

    Path file(String relative, int bytes) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, "x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
    }

    static FileFlags flags(String path) {
        return new FileFlags(path, null, null, null, null, null, null, null);
    }

    PageV2<ProviderFile> browse(String path) {
        return browser.browse(drive, new BrowseOptions(flags(path), null, null, null, null));
    }

    PageV2<ProviderFile> browse(FileFlags flags, Integer itemsPerPage, String next, String sortBy, String direction) {
        return browser.browse(drive, new BrowseOptions(flags, itemsPerPage, next, sortBy, direction));
    }

    ProviderFile retrieve(String id) {
        return browser.retrieve(drive, new RetrieveOptions(null, id));
    }

    /** Every page of a listing, followed through {@code next}. */
    List<ProviderFile> browseAll(String path, int itemsPerPage, String sortBy, String direction) {
        List<ProviderFile> all = new ArrayList<>();
        String next = null;
        do {
            PageV2<ProviderFile> page = browse(flags(path), itemsPerPage, next, sortBy, direction);
            all.addAll(page.items());
            next = page.next();
        } while (next != null);
        return all;
    }

    static List<String> ids(List<ProviderFile> files) {
        return files.stream().map(ProviderFile::id).toList();
    }

    static ApiException failure(ThrowingCallable call) {
        ApiException error = catchThrowableOfType(ApiException.class, call);
        if (error == null) {
            throw new AssertionError("expected an ApiException");
        }
        return error;
    }
}

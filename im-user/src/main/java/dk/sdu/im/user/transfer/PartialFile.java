package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.user.files.ConflictNames;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A file being uploaded (decision 3): written under a hidden temporary name in its destination folder and renamed
 * into place only when all its bytes arrived, so nothing is ever seen under the final name half-written.
 *
 * <p>The temporary name is {@code .<name>.upload-<uploadId>} ({@code <name>} shortened if the whole would pass
 * 255 bytes), in the destination folder itself, never in {@code /tmp}: the final rename stays within one file
 * system, and the bytes count against the quota where they will end up. The folder is reached from the drive root
 * without following links ({@link ConfinedDirectory}) and every operation names the file relative to it, so a
 * folder swapped for a link meanwhile leads nowhere. The file is created with {@code O_CREAT|O_EXCL|O_NOFOLLOW}.
 *
 * <p>Mode: the file is created with the mode a new file of the user gets there (0666 less the umask, or what
 * the folder's default ACL says), which is remembered; it is narrowed to 0600 before the first byte is written,
 * and the remembered mode is restored when it is committed. Java cannot read the umask, and this also honours
 * default ACLs.
 *
 * <p>While bytes arrive, every 64 MiB are flushed in the background ({@link WriteBehind}), so the commit's force
 * has little left to do. Commit ({@link #commit}) forces the data to disk, sets the modification time if one is
 * given, restores the mode and renames the file into place by the {@link Destination}'s policy: REPLACE replaces a file or link of
 * that name atomically (a folder there is 409); REJECT refuses with 409 if the name is taken; RENAME (and
 * MERGE_RENAME, which means RENAME for a file) takes the next free name ({@link FreeNames}). Between the check
 * that a name is free and the rename, another process of the user could take the name, and would then be
 * replaced: Java's rename has no "no replace" flag (the same window {@code files.FileOperations} documents). A
 * commit that fails, and {@link #abort}, delete the temporary file.
 *
 * <p>Between requests of a resumable protocol the file can be closed ({@link #close}) and found again with
 * {@link #reopen}({@link #stored()}), so no descriptor is held while the browser is away.
 *
 * <p>Errors are ApiExceptions naming the UCloud path ({@link UploadErrors}): 403 permission denied or read-only,
 * 507 no space or quota, 409 conflicts, 404 the folder is gone; only {@link #transferFrom} also throws the
 * IOException of its source. Not thread-safe: one owner at a time (the protocols serialise per upload).
 */
public final class PartialFile implements Closeable {
    static final int BUFFER_BYTES = 1 << 20;
    /** How much is written between two background flushes ({@link WriteBehind}). */
    static final long WRITE_BEHIND_BYTES = 64L << 20;
    static final String MARK = ".upload-";
    private static final int MAX_NAME_BYTES = 255;
    private static final Set<PosixFilePermission> PRIVATE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Logger LOG = Logger.getLogger(PartialFile.class.getName());

    private final Stored stored;
    private final WriteBehind writeBehind;
    private ConfinedDirectory folder;
    private FileChannel channel;

    private PartialFile(Stored stored, ConfinedDirectory folder, FileChannel channel) {
        this.stored = stored;
        this.folder = folder;
        this.channel = channel;
        this.writeBehind = new WriteBehind(() -> channel.force(false), WRITE_BEHIND_BYTES);
    }

    /**
     * A partial file on disk, without an open descriptor: where it is, its temporary name, and the mode it gets
     * when committed. Enough to {@link #reopen} or {@link #delete} it.
     */
    public record Stored(Destination destination, String tempName, Set<PosixFilePermission> finalMode) {
        public Stored {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(tempName, "tempName");
            finalMode = Set.copyOf(finalMode);
        }

        /** Deletes the partial file, if it is still there (a sweep of an abandoned upload). */
        public void delete() {
            try (ConfinedDirectory folder = ConfinedDirectory.open(destination.drive(), destination.directory())) {
                folder.stream().deleteFile(Path.of(tempName));
            } catch (NoSuchFileException e) {
                // already gone
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the partial upload of " + destination.ucloudPath(), e);
            }
        }
    }

    /**
     * Creates the partial file for {@code destination}, empty and open. {@code uploadId} (16 hex digits, see
     * {@link UploadService#newUploadId}) makes the temporary name unique; 409 if it is taken all the same.
     */
    public static PartialFile create(Destination destination, String uploadId) {
        if (uploadId == null || !UploadTerms.ID.matcher(uploadId).matches()) {
            throw new IllegalArgumentException("an upload id is 16 lowercase hex digits: " + uploadId);
        }
        String temp = tempName(destination.name(), uploadId);
        ConfinedDirectory folder = openFolder(destination);
        try {
            FileChannel channel = channel(folder, temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS));
            try {
                PosixFileAttributeView view = view(folder, temp);
                Set<PosixFilePermission> mode = view.readAttributes().permissions();
                view.setPermissions(PRIVATE);
                return new PartialFile(new Stored(destination, temp, mode), folder, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                folder.stream().deleteFile(Path.of(temp));
                throw e;
            }
        } catch (FileAlreadyExistsException e) {
            closeQuietly(folder);
            throw ApiException.of(409, "The partial file of an upload to " + destination.ucloudPath() + " exists already", null);
        } catch (IOException e) {
            closeQuietly(folder);
            throw UploadErrors.of(e, destination.ucloudPath());
        }
    }

    /** Opens a partial file made earlier, positioned at its end; 404 when it is gone (swept, deleted, replaced). */
    public static PartialFile reopen(Stored stored) {
        ConfinedDirectory folder = openFolder(stored.destination());
        try {
            FileChannel channel = channel(folder, stored.tempName(), Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
            channel.position(channel.size());
            return new PartialFile(stored, folder, channel);
        } catch (NoSuchFileException e) {
            closeQuietly(folder);
            throw ApiException.notFound("The partial upload of " + stored.destination().ucloudPath() + " is gone");
        } catch (IOException e) {
            closeQuietly(folder);
            throw UploadErrors.of(e, stored.destination().ucloudPath());
        }
    }

    /** The temporary name for {@code name}: {@code .<name>.upload-<uploadId>}, at most 255 bytes. */
    static String tempName(String name, String uploadId) {
        String suffix = MARK + uploadId;
        return "." + ConflictNames.shorten(name, MAX_NAME_BYTES - 1 - FreeNames.bytes(suffix)) + suffix;
    }

    public Stored stored() {
        return stored;
    }

    public Destination destination() {
        return stored.destination();
    }

    /** The number of bytes held, which is where the next byte goes. */
    public long position() {
        try {
            return open().position();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Copies up to {@code count} bytes from {@code in} to the end of the file, through one buffer of at most
     * 1 MiB; returns how many were copied (fewer when {@code in} ends first). An IOException is {@code in}'s:
     * the bytes that arrived before it stay written, so the upload can resume after them. Failures to write are
     * ApiExceptions.
     */
    public long transferFrom(InputStream in, long count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("a negative count: " + count);
        }
        FileChannel out = open();
        byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, Math.max(1, count))];
        long done = 0;
        while (done < count) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, count - done));
            if (n < 0) {
                break;
            }
            writeFully(out, ByteBuffer.wrap(buffer, 0, n));
            done += n;
        }
        return done;
    }

    /** Appends what remains in {@code data}. */
    public void write(ByteBuffer data) {
        writeFully(open(), data);
    }

    /** Cuts the file to {@code offset} bytes (a resend of bytes it holds); the next byte goes there. */
    public void truncateTo(long offset) {
        FileChannel out = open();
        try {
            if (offset < 0 || offset > out.size()) {
                throw new IllegalArgumentException("cannot truncate " + out.size() + " bytes to " + offset);
            }
            out.truncate(offset);
            out.position(offset);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Puts the file in place (see the class comment) and returns its UCloud path, which differs from the
     * destination's when RENAME chose another name. {@code modifiedAt} (nullable) becomes its modification time.
     * A failure deletes the partial file. After this, the object is closed.
     */
    public String commit(Instant modifiedAt) {
        FileChannel out = open();
        try {
            out.force(false);
            out.close();
            PosixFileAttributeView view = view(folder, stored.tempName());
            if (modifiedAt != null) {
                view.setTimes(FileTime.from(modifiedAt), null, null);
            }
            view.setPermissions(stored.finalMode());
            return place();
        } catch (IOException e) {
            abort();
            throw failed(e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        } finally {
            close();
        }
    }

    /** Deletes the partial file and closes; harmless when already committed, aborted or gone. */
    public void abort() {
        closeQuietly(channel);
        channel = null;
        if (folder != null) {
            try {
                folder.stream().deleteFile(Path.of(stored.tempName()));
            } catch (NoSuchFileException e) {
                // already gone
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete the partial upload of " + destination().ucloudPath(), e);
            }
        } else {
            stored.delete();
        }
        close();
    }

    /** Releases the descriptors and keeps the partial file for {@link #reopen}. */
    @Override
    public void close() {
        closeQuietly(channel);
        closeQuietly(folder);
        channel = null;
        folder = null;
    }

    private String place() throws IOException {
        Destination d = destination();
        String name = switch (d.policy()) {
            case REPLACE -> d.name();
            case REJECT -> {
                if (taken(d.name())) {
                    throw ApiException.of(409, "A file already exists at " + d.ucloudPath(), null);
                }
                yield d.name();
            }
            case RENAME, MERGE_RENAME -> FreeNames.free(d.name(), this::taken, d.directoryPath());
        };
        folder.stream().move(Path.of(stored.tempName()), folder.stream(), Path.of(name));
        return d.directoryPath() + "/" + name;
    }

    private boolean taken(String name) throws IOException {
        return folder.lstat(name).isPresent();
    }

    private FileChannel open() {
        if (channel == null) {
            throw new IllegalStateException("the partial file of " + destination().ucloudPath() + " is closed");
        }
        return channel;
    }

    private void writeFully(FileChannel out, ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                writeBehind.appended(out.write(data));
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private ApiException failed(IOException e) {
        return UploadErrors.of(e, destination().ucloudPath());
    }

    private static ConfinedDirectory openFolder(Destination destination) {
        try {
            return ConfinedDirectory.open(destination.drive(), destination.directory());
        } catch (ConfinedDirectory.InTheWay e) {
            throw ApiException.of(409, "The folder to upload into was replaced: " + destination.directoryPath(), null);
        } catch (IOException e) {
            throw UploadErrors.of(e, destination.ucloudPath());
        }
    }

    private static FileChannel channel(ConfinedDirectory folder, String name, Set<? extends java.nio.file.OpenOption> options)
            throws IOException {
        return ConfinedFile.fileChannel(folder.stream(), Path.of(name), options);
    }

    private static PosixFileAttributeView view(ConfinedDirectory folder, String name) {
        return folder.stream().getFileAttributeView(Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing part of an upload failed", e);
        }
    }
}

package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The file calls that change files (contract 3.4.3): createFolder, move, copy, trash, emptyTrash and permanent
 * delete, on the user's drives, run as the user.
 *
 * <p>Paths: every id is a UCloud path, confined by {@link PathResolver} to its drive. The folder a source or
 * destination is in must exist inside the drive and is reached by descriptor, no symlink on the way followed
 * (403); the last name is taken as it is, so a symlink is moved, copied, trashed or deleted as the link itself and
 * nothing is ever deleted through one. Everything a call then does (checks, renames, copies, deletes, its work in
 * the background) happens relative to the folders it opened ({@link DriveFolder}, {@link OpenFolders}), never by
 * a path checked earlier, so a folder swapped for a link meanwhile cannot send it outside the drive. A new name is checked like every path: not {@code .} or {@code ..}, no
 * {@code /}, no control characters (NUL included), at most 255 bytes. The drive itself can be neither source nor
 * destination (400).
 *
 * <p>Conflicts ({@link ConflictPolicy}, decided by {@link Plan}): REJECT is 409 "A file already exists at ...";
 * RENAME takes the next free name of {@link ConflictNames}; REPLACE lets the existing entry give way, and a failure
 * puts it back; MERGE_RENAME merges a folder into a folder and renames what is taken inside. A folder cannot be
 * moved or copied into itself (400). A move onto itself changes nothing (REJECT aside); a copy onto itself with
 * RENAME makes a duplicate. A name found free can be taken by another process of the user in the instant before
 * the rename; a file there is then replaced (rename(2) has no "no replace" flag in Java).
 *
 * <p>Moves are one rename(2) within a file system; across file systems they are a complete copy, then the original
 * is deleted ({@link Relocation}). Copies appear under their name only when complete ({@link TreeCopy}): a
 * failed, full or cancelled copy leaves nothing behind; links leading out of the destination drive are not copied
 * and are listed in {@link Outcome#notCopied}, as are pipes, sockets and devices. A copy keeps contents and the
 * rwx permission bits, not owner, times or setuid, setgid and sticky bits. A link moved to another drive keeps
 * its text; where it then points is checked whenever it is used, like any path.
 *
 * <p>Trash: {@code /<driveId>/Trash}, created on demand with mode 0700 ({@link Trash}). Trashing moves the entry
 * there, renaming it if the name is taken; the trash folder and what is in it cannot be trashed (400: empty the
 * trash or delete permanently). emptyTrash deletes what the trash folder holds and only accepts that folder's path
 * (400 otherwise); a missing trash folder is already empty. Deleting the trash folder permanently is allowed; it
 * is made again when needed. createFolder does not create missing parents (404 for
 * the parent). For createFolder, REPLACE and MERGE_RENAME keep an existing folder as it is (replacing a folder by
 * an empty one would delete its contents); REPLACE replaces an existing file or link.
 *
 * <p>Time: Core gives up after 5 s (decision 8). Each call waits at most its budget (1 s by default) for the work;
 * work not done by then goes on in the background as a task of the {@link TaskReporter} ({@link BackgroundWork}),
 * where it reports progress and its end and can be cancelled between files. Refusals are decided before that, so
 * they always answer the call itself.
 *
 * <p>Errors are ApiExceptions whose {@code why} names UCloud paths only ({@link FileErrors}): 400 bad names, the
 * drive itself, a folder into itself, a full disk or quota; 403 another drive, a symlink on the way, a link to
 * copy that leads out of the drive, permission denied, a read-only file system; 404 a missing source or destination folder; 409 a taken
 * name under REJECT, a busy file; 500 anything else (logged).
 *
 * <p>Thread-safe; one instance serves every request of the process.
 */
public final class FileOperations {
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(1);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
    private static final long CHUNK_BYTES = 16L << 20;
    private static final String NOTHING_CHANGED = "nothing was changed";

    private final BackgroundWork work;
    private final FileCopier copier;

    /** Operations whose work moves to the background after one second. */
    public FileOperations(TaskReporter reporter) {
        this(reporter, DEFAULT_BUDGET);
    }

    /** Operations whose work moves to the background after {@code budget}; keep it well under Core's 5 s. */
    public FileOperations(TaskReporter reporter, Duration budget) {
        this(new BackgroundWork(reporter, budget, PROGRESS_INTERVAL), FileCopier.chunked(CHUNK_BYTES));
    }

    FileOperations(BackgroundWork work, FileCopier copier) {
        this.work = Objects.requireNonNull(work, "work");
        this.copier = Objects.requireNonNull(copier, "copier");
    }

    /**
     * What a call did. {@code id} is the UCloud path the entry has (or will have) after the call: the name RENAME
     * chose, or the path given. {@code inBackground}: the work goes on as a background task, which reports its own
     * end. {@code notCopied}: UCloud paths of links and special files a finished copy skipped.
     */
    public record Outcome(String id, boolean inBackground, List<String> notCopied) {
        public Outcome {
            notCopied = List.copyOf(notCopied);
        }
    }

    /** Number of operations now running in the background; while it is not zero, the process is busy. */
    public int backgroundTasks() {
        return work.running();
    }

    /** Creates the folder {@code id}; its parent must exist. */
    public Outcome createFolder(DriveRoot drive, String id, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        Slot slot = new PathResolver(drive).slot(parse(drive, id));
        DriveFolder folder = slot.folder();
        try (folder) {
            Kind existing = Kind.of(slot);
            if (existing.exists()) {
                switch (policy) {
                    case REJECT -> throw ApiException.of(409, "A file already exists at " + slot.path(), null);
                    case RENAME -> slot = ConflictNames.free(slot, true);
                    case MERGE_RENAME -> {
                        if (existing == Kind.DIRECTORY) {
                            return done(slot);
                        }
                        slot = ConflictNames.free(slot, true);
                    }
                    case REPLACE -> {
                        if (existing == Kind.DIRECTORY) {
                            return done(slot);
                        }
                        Files.delete(slot.local());
                    }
                }
            }
            Files.createDirectory(slot.local());
            return done(slot);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
    }

    /** Moves {@code oldId} of drive {@code from} to {@code newId} of drive {@code to} (the same drive or another). */
    public Outcome move(DriveRoot from, String oldId, DriveRoot to, String newId, ConflictPolicy policy) {
        return move(from, oldId, to, newId, policy, work.deadlineFromNow());
    }

    /** Copies {@code oldId} of drive {@code from} to {@code newId} of drive {@code to} (the same drive or another). */
    public Outcome copy(DriveRoot from, String oldId, DriveRoot to, String newId, ConflictPolicy policy) {
        return copy(from, oldId, to, newId, policy, work.deadlineFromNow());
    }

    /** Moves {@code id} to the drive's trash folder. */
    public Outcome trash(DriveRoot drive, String id) {
        return trash(drive, id, work.deadlineFromNow());
    }

    /** Deletes what the trash folder {@code trashId} holds; {@code trashId} must be {@code /<driveId>/Trash}. */
    public Outcome emptyTrash(DriveRoot drive, String trashId) {
        return emptyTrash(drive, trashId, work.deadlineFromNow());
    }

    /** Deletes {@code id} permanently: a file, a link (not what it points to) or a whole folder. */
    public Outcome delete(DriveRoot drive, String id) {
        return delete(drive, id, work.deadlineFromNow());
    }

    long deadlineFromNow() {
        return work.deadlineFromNow();
    }

    Outcome move(DriveRoot from, String oldId, DriveRoot to, String newId, ConflictPolicy policy, long deadline) {
        try (var open = new OpenFolders()) {
            Slot source = open.add(new PathResolver(from).existingEntry(parse(from, oldId)));
            Slot destination = open.add(new PathResolver(to).slot(parse(to, newId)));
            Kind kind = kind(source);
            Plan plan = plan("move", source, kind, destination, policy);
            var placed = new AtomicReference<>(plan.target());
            boolean done = work.run("Moving " + source.path() + " to " + plan.target().path(), deadline,
                    open.handOver(progress -> {
                        var relocation = new Relocation(copier, progress);
                        try {
                            switch (plan.action()) {
                                case PLACE -> placed.set(relocation.move(source, kind, plan.target(), commitPolicy(policy)));
                                case REPLACE -> relocation.move(source, kind, plan.target(), ConflictPolicy.REPLACE);
                                case MERGE -> {
                                    relocation.count(source);
                                    relocation.merge(source, plan.target());
                                }
                                case NOTHING -> {
                                }
                            }
                        } catch (BackgroundWork.Cancelled c) {
                            throw new BackgroundWork.Cancelled(c.getMessage() + (plan.action() == Plan.Action.MERGE
                                    ? "; what was merged before stays" : "; nothing was moved"));
                        }
                        return "Moved " + source.path() + " to " + placed.get().path();
                    }));
            return new Outcome(placed.get().path().toString(), !done, List.of());
        }
    }

    Outcome copy(DriveRoot from, String oldId, DriveRoot to, String newId, ConflictPolicy policy, long deadline) {
        try (var open = new OpenFolders()) {
            Slot source = open.add(new PathResolver(from).existingEntry(parse(from, oldId)));
            Slot destination = open.add(new PathResolver(to).slot(parse(to, newId)));
            Kind kind = kind(source);
            if (kind == Kind.OTHER) {
                throw ApiException.badRequest("Only files, folders and links can be copied: " + source.path());
            }
            Plan plan = plan("copy", source, kind, destination, policy);
            if (kind == Kind.LINK && !linkStaysInside(source, plan.target(), to)) {
                throw ApiException.forbidden("Permission denied: " + source.path()
                        + " is a link that leads outside the drive; it was not copied");
            }
            var placed = new AtomicReference<>(plan.target());
            List<String> skipped = new CopyOnWriteArrayList<>();
            boolean done = work.run("Copying " + source.path() + " to " + plan.target().path(), deadline,
                    open.handOver(progress -> {
                        var copy = new TreeCopy(copier, progress, to.root(), "Copying");
                        copy.count(source);
                        try {
                            switch (plan.action()) {
                                case PLACE -> {
                                    Slot landed = copy.copyNew(source, plan.target(), commitPolicy(policy), NOTHING_CHANGED);
                                    placed.set(landed == null ? plan.target() : landed);
                                }
                                case REPLACE -> copy.copyNew(source, plan.target(), ConflictPolicy.REPLACE, NOTHING_CHANGED);
                                case MERGE -> copy.merge(source, plan.target());
                                case NOTHING -> {
                                }
                            }
                        } catch (BackgroundWork.Cancelled c) {
                            throw new BackgroundWork.Cancelled(c.getMessage() + (plan.action() == Plan.Action.MERGE
                                    ? "; what was merged before stays" : "; nothing was copied"));
                        } finally {
                            skipped.addAll(copy.skipped());
                        }
                        return "Copied " + source.path() + " to " + placed.get().path() + copy.skippedNote();
                    }));
            return new Outcome(placed.get().path().toString(), !done, done ? skipped : List.of());
        }
    }

    Outcome trash(DriveRoot drive, String id, long deadline) {
        UCloudPath path = parse(drive, id);
        if (Trash.holds(path)) {
            throw ApiException.badRequest(Trash.is(path)
                    ? "The trash folder " + path + " cannot be moved to the trash; empty it instead"
                    : path + " is already in the trash; delete it permanently instead");
        }
        var resolver = new PathResolver(drive);
        try (var open = new OpenFolders()) {
            Slot source = open.add(resolver.existingEntry(path));
            Kind kind = kind(source);
            DriveFolder trash = open.add(Trash.open(open.add(resolver.root())));
            Slot target = freeName(trash.slot(source.name()), kind == Kind.DIRECTORY);
            boolean done = work.run("Moving " + path + " to the trash", deadline, open.handOver(progress -> {
                new Relocation(copier, progress).move(source, kind, target, ConflictPolicy.RENAME);
                return "Moved " + path + " to the trash";
            }));
            return new Outcome(target.path().toString(), !done, List.of());
        }
    }

    Outcome emptyTrash(DriveRoot drive, String trashId, long deadline) {
        UCloudPath path = parse(drive, trashId);
        UCloudPath trashPath = Trash.path(drive.driveId());
        if (!Trash.is(path)) {
            throw ApiException.badRequest("Only the trash folder " + trashPath + " can be emptied, not " + path);
        }
        try (var open = new OpenFolders()) {
            Slot trash = Trash.slot(open.add(new PathResolver(drive).root()));
            Kind kind = kind(trash);
            if (!kind.exists()) {
                return new Outcome(path.toString(), false, List.of());
            }
            if (kind != Kind.DIRECTORY) {
                throw Trash.notAFolder(trash);
            }
            DriveFolder folder = open.add(Trash.open(trash.folder()));
            boolean done = work.run("Emptying the trash " + path, deadline, open.handOver(progress -> {
                var delete = new TreeDelete(progress, false, "Deleting");
                List<String> names = folder.namesOrRefuse();
                for (String name : names) {
                    delete.count(folder.slot(name));
                }
                for (String name : names) {
                    delete.delete(folder.slot(name));
                }
                return "Emptied the trash " + path;
            }));
            return new Outcome(path.toString(), !done, List.of());
        }
    }

    Outcome delete(DriveRoot drive, String id, long deadline) {
        try (var open = new OpenFolders()) {
            Slot entry = open.add(new PathResolver(drive).existingEntry(parse(drive, id)));
            boolean done = work.run("Deleting " + entry.path(), deadline, open.handOver(progress -> {
                var delete = new TreeDelete(progress, false, "Deleting");
                delete.count(entry);
                delete.delete(entry);
                return "Deleted " + entry.path();
            }));
            return new Outcome(entry.path().toString(), !done, List.of());
        }
    }

    /** The policy at the moment a new entry takes its name: MERGE_RENAME of a non-folder is RENAME. */
    private static ConflictPolicy commitPolicy(ConflictPolicy policy) {
        return policy == ConflictPolicy.MERGE_RENAME ? ConflictPolicy.RENAME : policy;
    }

    private static boolean linkStaysInside(Slot link, Slot at, DriveRoot to) {
        try {
            return TreeCopy.linkStaysInside(at.lexical(), Files.readSymbolicLink(link.local()), to.root());
        } catch (IOException e) {
            throw FileErrors.ofChange(e, link.path());
        }
    }

    private static Plan plan(String verb, Slot source, Kind kind, Slot destination, ConflictPolicy policy) {
        try {
            return Plan.of(verb, source, kind, destination, Objects.requireNonNull(policy, "policy"));
        } catch (IOException e) {
            throw FileErrors.ofChange(e, destination.path());
        }
    }

    private static Slot freeName(Slot slot, boolean folder) {
        try {
            return Kind.of(slot).exists() ? ConflictNames.free(slot, folder) : slot;
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
    }

    private static Kind kind(Slot slot) {
        try {
            return Kind.of(slot);
        } catch (IOException e) {
            throw FileErrors.ofChange(e, slot.path());
        }
    }

    private static UCloudPath parse(DriveRoot drive, String id) {
        return UCloudPath.parse(id, drive.driveId());
    }

    private static Outcome done(Slot slot) {
        return new Outcome(slot.path().toString(), false, List.of());
    }
}

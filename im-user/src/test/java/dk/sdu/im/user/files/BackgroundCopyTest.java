package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 8: a copy that outlives its time budget answers the call and goes on as a background task, which reports
 * progress and its end, can be cancelled, and never leaves a half-written file visible. Timing is never asserted:
 * the copies are held at a gate and the budget is zero.
 */
class BackgroundCopyTest {
    private static final int FILES = 40;

    @TempDir
    Path temp;
    MutationDrives t;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        for (int i = 0; i < FILES; i++) {
            t.write(String.format("src/d%d/f%02d", i % 4, i), "x".repeat(1000 + i));
        }
    }

    @Test
    void aLargeCopyContinuesInTheBackgroundAndReportsProgressAndCompletion() throws Exception {
        var gate = new Copiers.Gate("f05");
        FileOperations ops = t.backgroundOperations(gate);
        FileOperations.Outcome outcome = ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT);
        assertThat(outcome.inBackground()).isTrue();
        assertThat(outcome.id()).isEqualTo("/12/dst");
        assertThat(ops.backgroundTasks()).isEqualTo(1);
        RecordingTaskReporter.Task task = t.reporter.awaitStarted();
        assertThat(task.title).isEqualTo("Copying /12/src to /12/dst");
        gate.awaitReached();
        assertThat(t.root.resolve("dst")).doesNotExist();
        gate.open();
        RecordingTaskReporter.Completion completion = task.awaitCompletion();
        assertThat(completion).isEqualTo(new RecordingTaskReporter.Completion(true, "Copied /12/src to /12/dst"));
        assertThat(task.progress).isNotEmpty();
        List<Double> percents = task.progress.stream().map(RecordingTaskReporter.Progress::percent).toList();
        assertThat(percents).isSorted().allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
        assertThat(task.progress.getLast().status()).startsWith("Copying /12/dst");
        assertThat(tree(t.root.resolve("dst"))).isEqualTo(tree(t.root.resolve("src")));
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void aCancelledCopyLeavesNoPartialAndNoVisibleFile() throws Exception {
        var gate = new Copiers.Gate("f05");
        FileOperations ops = t.backgroundOperations(gate);
        assertThat(ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT).inBackground()).isTrue();
        RecordingTaskReporter.Task task = t.reporter.awaitStarted();
        gate.awaitReached();
        task.cancel();
        gate.open();
        RecordingTaskReporter.Completion completion = task.awaitCompletion();
        assertThat(completion.success()).isFalse();
        assertThat(completion.message()).isEqualTo("Cancelled: Copying /12/src to /12/dst; nothing was copied");
        assertThat(t.root.resolve("dst")).doesNotExist();
        assertThat(t.leftovers()).isEmpty();
        assertThat(tree(t.root)).allSatisfy(p -> assertThat(p).startsWith("src"));
        assertThat(tree(t.root.resolve("src"))).hasSize(FILES + 4);
    }

    @Test
    void aCancelledMergeKeepsWhatWasMergedAndNoPartialFile() throws Exception {
        Files.createDirectories(t.root.resolve("dst"));
        var gate = new Copiers.Gate("f05");
        FileOperations ops = t.backgroundOperations(gate);
        assertThat(ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.MERGE_RENAME).inBackground()).isTrue();
        RecordingTaskReporter.Task task = t.reporter.awaitStarted();
        gate.awaitReached();
        task.cancel();
        gate.open();
        RecordingTaskReporter.Completion completion = task.awaitCompletion();
        assertThat(completion.success()).isFalse();
        assertThat(completion.message()).endsWith("what was merged before stays");
        assertThat(t.leftovers()).isEmpty();
        for (String copied : tree(t.root.resolve("dst"))) {
            Path file = t.root.resolve("dst").resolve(copied);
            if (Files.isRegularFile(file)) {
                assertThat(Files.mismatch(file, t.root.resolve("src").resolve(copied))).isEqualTo(-1L);
            }
        }
    }

    @Test
    void aFailureInTheBackgroundIsReportedAndLeavesNoPartialFile() throws Exception {
        var gate = Copiers.Gate.atFirstFile(Copiers.failingAt("f07", new IOException("Input/output error")));
        FileOperations ops = t.backgroundOperations(gate);
        assertThat(ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT).inBackground()).isTrue();
        RecordingTaskReporter.Task task = t.reporter.awaitStarted();
        gate.open();
        RecordingTaskReporter.Completion completion = task.awaitCompletion();
        assertThat(completion.success()).isFalse();
        assertThat(completion.message()).isEqualTo("Could not change /12/dst/d3/f07");
        assertThat(t.root.resolve("dst")).doesNotExist();
        assertThat(t.leftovers()).isEmpty();
    }

    @Test
    void aCancelledMoveAcrossFileSystemsLeavesTheOriginalWhole(@TempDir(factory = MemoryTempDirFactory.class) Path shm)
            throws Exception {
        Path other = Files.createDirectory(shm.toRealPath().resolve("14"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.getFileStore(other).equals(Files.getFileStore(t.root)),
                "both drives are on one file system");
        var gate = new Copiers.Gate("f05");
        FileOperations ops = t.backgroundOperations(gate);
        var before = tree(t.root.resolve("src"));
        assertThat(ops.move(t.drive, "/12/src", DriveRoot.of("14", other), "/14/src", ConflictPolicy.REJECT)
                .inBackground()).isTrue();
        RecordingTaskReporter.Task task = t.reporter.awaitStarted();
        assertThat(task.title).isEqualTo("Moving /12/src to /14/src");
        gate.awaitReached();
        task.cancel();
        gate.open();
        RecordingTaskReporter.Completion completion = task.awaitCompletion();
        assertThat(completion).isEqualTo(new RecordingTaskReporter.Completion(false,
                "Cancelled: Moving /12/src to /14/src; nothing was moved"));
        assertThat(tree(t.root.resolve("src"))).isEqualTo(before);
        assertThat(tree(other)).isEmpty();
    }

    @Test
    void aBackgroundDeleteOfTheCopyAlsoWorks() throws Exception {
        var gate = new Copiers.Gate("f05");
        FileOperations ops = t.backgroundOperations(gate);
        ops.copy(t.drive, "/12/src", t.drive, "/12/dst", ConflictPolicy.REJECT);
        RecordingTaskReporter.Task copy = t.reporter.awaitStarted();
        gate.open();
        assertThat(copy.awaitCompletion().success()).isTrue();
        FileOperations.Outcome deleted = ops.delete(t.drive, "/12/dst");
        if (deleted.inBackground()) {
            assertThat(t.reporter.awaitStarted().awaitCompletion()).isEqualTo(
                    new RecordingTaskReporter.Completion(true, "Deleted /12/dst"));
        }
        assertThat(t.root.resolve("dst")).doesNotExist();
    }
}

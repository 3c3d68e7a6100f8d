package dk.sdu.im.user.files;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.wire.Envelopes.BulkRequest;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import dk.sdu.im.api.wire.Envelopes.Empty;
import dk.sdu.im.api.wire.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The calls that change files as Core sends them (contract 3.4.3): a bulk request in, {@code {"responses":[{},...]}}
 * out, one empty object per item (Core ignores their content). Each item goes to {@link FileOperations}.
 *
 * <p>Items run in order. The first item that fails fails the call with its error; the items before it are done
 * (or go on in the background) and the items after it are not attempted, as in UCloud's own module. All items of
 * one call share one time budget: once it is spent, work that is not instantly done continues in the background,
 * so the whole call still answers in time (decision 8).
 *
 * <p>Drives: {@code resolvedDrive} maps the resolved drive Core sends to a local root and refuses drives that are
 * not the user's; the permanent delete carries no resolved drive, only its id and product
 * ({@code specification.collection} and {@code .product}), so {@code driveById} maps those (drive id, category).
 * Thread-safe if the two functions are.
 */
public final class FileCalls {
    private final FileOperations operations;
    private final Function<Files.Drive, DriveRoot> resolvedDrive;
    private final BiFunction<String, String, DriveRoot> driveById;

    public FileCalls(FileOperations operations, Function<Files.Drive, DriveRoot> resolvedDrive,
                     BiFunction<String, String, DriveRoot> driveById) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.resolvedDrive = Objects.requireNonNull(resolvedDrive, "resolvedDrive");
        this.driveById = Objects.requireNonNull(driveById, "driveById");
    }

    /** {@code POST files/folder}. */
    public BulkResponse<Empty> createFolder(BulkRequest<Files.CreateFolderRequest> request) {
        return each(request, (item, deadline) -> operations.createFolder(resolvedDrive.apply(item.resolvedCollection()),
                item.id(), ConflictPolicy.of(item.conflictPolicy())));
    }

    /** {@code POST files/move}. */
    public BulkResponse<Empty> move(BulkRequest<Files.MoveOrCopyRequest> request) {
        return each(request, (item, deadline) -> operations.move(resolvedDrive.apply(item.resolvedOldCollection()),
                item.oldId(), resolvedDrive.apply(item.resolvedNewCollection()), item.newId(),
                ConflictPolicy.of(item.conflictPolicy()), deadline));
    }

    /** {@code POST files/copy}. */
    public BulkResponse<Empty> copy(BulkRequest<Files.MoveOrCopyRequest> request) {
        return each(request, (item, deadline) -> operations.copy(resolvedDrive.apply(item.resolvedOldCollection()),
                item.oldId(), resolvedDrive.apply(item.resolvedNewCollection()), item.newId(),
                ConflictPolicy.of(item.conflictPolicy()), deadline));
    }

    /** {@code POST files/trash}. */
    public BulkResponse<Empty> trash(BulkRequest<Files.TrashRequest> request) {
        return each(request, (item, deadline) -> operations.trash(resolvedDrive.apply(item.resolvedCollection()),
                item.id(), deadline));
    }

    /** {@code POST files/emptyTrash}. */
    public BulkResponse<Empty> emptyTrash(BulkRequest<Files.EmptyTrashRequest> request) {
        return each(request, (item, deadline) -> operations.emptyTrash(resolvedDrive.apply(item.resolvedCollection()),
                item.id(), deadline));
    }

    /** {@code DELETE files}: permanent delete of UFile items. */
    public BulkResponse<Empty> delete(BulkRequest<Files.DeleteRequest> request) {
        return each(request, (item, deadline) -> operations.delete(driveById.apply(driveId(item), category(item)),
                item.id(), deadline));
    }

    private static String category(Files.DeleteRequest item) {
        return item.specification() == null ? "" : item.specification().category();
    }

    /** The drive of a UFile: its {@code specification.collection}, else the first name of its path. */
    private static String driveId(Files.DeleteRequest item) {
        if (item.specification() != null && item.specification().collection() != null) {
            return item.specification().collection();
        }
        String id = item.id();
        if (id == null || !id.startsWith("/") || id.length() < 2) {
            throw ApiException.badRequest("A file to delete needs its path (id) and drive (specification.collection)");
        }
        int slash = id.indexOf('/', 1);
        return slash < 0 ? id.substring(1) : id.substring(1, slash);
    }

    @FunctionalInterface
    private interface Item<T> {
        void run(T item, long deadline);
    }

    private <T> BulkResponse<Empty> each(BulkRequest<T> request, Item<T> call) {
        if (request == null) {
            throw ApiException.badRequest("The request needs items");
        }
        long deadline = operations.deadlineFromNow();
        List<Empty> responses = new ArrayList<>(request.items().size());
        for (T item : request.items()) {
            if (item == null) {
                throw ApiException.badRequest("An item of the request is null");
            }
            call.run(item, deadline);
            responses.add(new Empty());
        }
        return new BulkResponse<>(responses);
    }
}

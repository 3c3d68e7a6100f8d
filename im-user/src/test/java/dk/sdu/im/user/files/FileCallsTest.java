package dk.sdu.im.user.files;

import static dk.sdu.im.user.files.MutationDrives.failure;
import static dk.sdu.im.user.files.MutationDrives.read;
import static dk.sdu.im.user.files.MutationDrives.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.Json;
import dk.sdu.im.api.wire.Envelopes.BulkRequest;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import dk.sdu.im.api.wire.Envelopes.Empty;
import dk.sdu.im.api.wire.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls that change files as Core's JSON reaches them (contract 1.2, 1.3, 3.4.3), through {@link FileCalls}. */
class FileCallsTest {
    private static final ObjectMapper MAPPER = Json.boundaryMapper();

    @TempDir
    Path temp;
    MutationDrives t;
    FileCalls calls;

    @BeforeEach
    void drives() throws Exception {
        t = new MutationDrives(temp);
        Map<String, DriveRoot> byId = Map.of("12", t.drive, "13", t.drive13);
        calls = new FileCalls(t.operations(), drive -> lookup(byId, drive == null ? null : drive.id()),
                (id, category) -> lookup(byId, id));
    }

    private static DriveRoot lookup(Map<String, DriveRoot> drives, String id) {
        DriveRoot drive = id == null ? null : drives.get(id);
        if (drive == null) {
            throw ApiException.forbidden("Not one of your drives: /" + id);
        }
        return drive;
    }

    private static String drive(String id) {
        return """
                {"id":"%s","createdAt":1724227200000,"owner":{"createdBy":"alice#1234","project":null},
                 "permissions":{"myself":["ADMIN"],"others":[]},"providerGeneratedId":"home alice#1234\\n/home/alice",
                 "specification":{"title":"Home","product":{"id":"home","category":"home","provider":"slurm"},"labels":{}},
                 "updates":[],"status":{"preferredDrive":false,"resolvedSupport":null,"resolvedProduct":null}}"""
                .formatted(id);
    }

    private static <T> BulkRequest<T> bulk(String json, TypeReference<BulkRequest<T>> type) throws Exception {
        return MAPPER.readValue(json, type);
    }

    private static String json(Object value) throws Exception {
        return MAPPER.writeValueAsString(value);
    }

    @Test
    void createFolderAnswersOneEmptyObjectPerItem() throws Exception {
        var request = bulk("""
                {"items":[{"id":"/12/a","conflictPolicy":"RENAME","resolvedCollection":%s},
                          {"id":"/12/a","conflictPolicy":"RENAME","resolvedCollection":%s,"someNewField":1}]}"""
                .formatted(drive("12"), drive("12")), new TypeReference<BulkRequest<Files.CreateFolderRequest>>() { });
        assertThat(request.items().getFirst()).isEqualTo(new Files.CreateFolderRequest("/12/a", "RENAME",
                new Files.Drive("12", "home alice#1234\n/home/alice")));
        BulkResponse<Empty> response = calls.createFolder(request);
        assertThat(json(response)).isEqualTo("{\"responses\":[{},{}]}");
        assertThat(tree(t.root)).containsExactly("a(1)/", "a/");
    }

    @Test
    void anEmptyRequestAnswersAnEmptyObject() throws Exception {
        var request = bulk("{}", new TypeReference<BulkRequest<Files.TrashRequest>>() { });
        assertThat(json(calls.trash(request))).isEqualTo("{}");
    }

    @Test
    void moveBindsBothDrivesAndMovesBetweenThem() throws Exception {
        t.write("a.txt", "A");
        var request = bulk("""
                {"items":[{"oldId":"/12/a.txt","newId":"/13/b.txt","conflictPolicy":"REJECT",
                           "resolvedOldCollection":%s,"resolvedNewCollection":%s}]}"""
                .formatted(drive("12"), drive("13")), new TypeReference<BulkRequest<Files.MoveOrCopyRequest>>() { });
        assertThat(json(calls.move(request))).isEqualTo("{\"responses\":[{}]}");
        assertThat(read(t.root13.resolve("b.txt"))).isEqualTo("A");
    }

    @Test
    void copyTrashAndEmptyTrashWork() throws Exception {
        t.write("a.txt", "A");
        calls.copy(bulk("""
                {"items":[{"oldId":"/12/a.txt","newId":"/12/a.txt","conflictPolicy":"RENAME",
                           "resolvedOldCollection":%s,"resolvedNewCollection":%s}]}"""
                .formatted(drive("12"), drive("12")), new TypeReference<BulkRequest<Files.MoveOrCopyRequest>>() { }));
        calls.trash(bulk("""
                {"items":[{"id":"/12/a.txt","resolvedCollection":%s}]}""".formatted(drive("12")),
                new TypeReference<BulkRequest<Files.TrashRequest>>() { }));
        assertThat(tree(t.root)).containsExactly("Trash/", "Trash/a.txt", "a(1).txt");
        calls.emptyTrash(bulk("""
                {"items":[{"id":"/12/Trash","resolvedCollection":%s}]}""".formatted(drive("12")),
                new TypeReference<BulkRequest<Files.EmptyTrashRequest>>() { }));
        assertThat(tree(t.root)).containsExactly("Trash/", "a(1).txt");
    }

    @Test
    void permanentDeleteReadsUFilesAndTheirDriveId() throws Exception {
        t.write("a.txt", "A");
        MutationDrives.write(t.root13, "b.txt", "B");
        var request = bulk("""
                {"items":[
                  {"id":"/12/a.txt","createdAt":1724227200000,
                   "specification":{"collection":"12","product":{"id":"home","category":"home","provider":"slurm"}},
                   "owner":{"createdBy":"alice#1234","project":null},"permissions":{"myself":["ADMIN"],"others":[]},
                   "status":{"type":"FILE","icon":"","sizeInBytes":1}},
                  {"id":"/13/b.txt"}]}""", new TypeReference<BulkRequest<Files.DeleteRequest>>() { });
        assertThat(request.items().getFirst()).isEqualTo(new Files.DeleteRequest("/12/a.txt",
                new Files.FileSpecification("12", new dk.sdu.im.api.wire.Products.ProductReference("home", "home", "slurm"))));
        assertThat(json(calls.delete(request))).isEqualTo("{\"responses\":[{},{}]}");
        assertThat(tree(t.root)).isEmpty();
        assertThat(tree(t.root13)).isEmpty();
    }

    @Test
    void aDeleteWhoseCollectionDisagreesWithItsPathIsForbidden() throws Exception {
        t.write("a.txt", "A");
        var request = bulk("""
                {"items":[{"id":"/12/a.txt","specification":{"collection":"13"}}]}""",
                new TypeReference<BulkRequest<Files.DeleteRequest>>() { });
        assertThat(failure(() -> calls.delete(request)).status()).isEqualTo(403);
        assertThat(tree(t.root)).containsExactly("a.txt");
    }

    @Test
    void theFirstFailingItemFailsTheCallAfterTheItemsBeforeIt() throws Exception {
        var request = bulk("""
                {"items":[{"id":"/12/one","conflictPolicy":"REJECT","resolvedCollection":%s},
                          {"id":"/12/missing/two","conflictPolicy":"REJECT","resolvedCollection":%s},
                          {"id":"/12/three","conflictPolicy":"REJECT","resolvedCollection":%s}]}"""
                .formatted(drive("12"), drive("12"), drive("12")),
                new TypeReference<BulkRequest<Files.CreateFolderRequest>>() { });
        ApiException error = failure(() -> calls.createFolder(request));
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.why()).isEqualTo("No such file or directory: /12/missing");
        assertThat(tree(t.root)).containsExactly("one/");
    }

    @Test
    void anUnknownPolicyOrDriveIsRefused() throws Exception {
        var badPolicy = bulk("""
                {"items":[{"id":"/12/a","conflictPolicy":"OVERWRITE","resolvedCollection":%s}]}""".formatted(drive("12")),
                new TypeReference<BulkRequest<Files.CreateFolderRequest>>() { });
        assertThat(failure(() -> calls.createFolder(badPolicy)).status()).isEqualTo(400);
        var badDrive = bulk("""
                {"items":[{"id":"/99/a","conflictPolicy":"RENAME","resolvedCollection":%s}]}""".formatted(drive("99")),
                new TypeReference<BulkRequest<Files.CreateFolderRequest>>() { });
        assertThat(failure(() -> calls.createFolder(badDrive)).status()).isEqualTo(403);
        assertThat(tree(t.root)).isEmpty();
    }
}

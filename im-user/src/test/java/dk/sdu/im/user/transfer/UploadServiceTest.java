package dk.sdu.im.user.transfer;

import static dk.sdu.im.user.transfer.DownloadServiceTest.failure;
import static dk.sdu.im.user.transfer.UploadFixture.ALICE;
import static dk.sdu.im.user.transfer.UploadFixture.BROWSER;
import static dk.sdu.im.user.transfer.UploadFixture.START;
import static dk.sdu.im.user.transfer.UploadFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.UsernameHints;
import dk.sdu.im.api.wire.Transfers.CreateUploadResponseItem;
import dk.sdu.im.user.files.ConflictPolicy;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.user.files.TaskReporter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 3.4.4: createUpload checks the target, resolves the conflict policy and hands out a capability URL. */
class UploadServiceTest {
    @TempDir
    Path temp;
    UploadFixture t;

    @BeforeEach
    void drive() throws Exception {
        t = new UploadFixture(temp);
        t.file("docs/a.txt", "old".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void endpointIsTheUploadRouteInHttpFormWithTheTokenAndAPaddedBase64urlHint() {
        CreateUploadResponseItem response = t.uploadFile("/12/docs/new.txt", "REJECT");

        URI endpoint = URI.create(response.endpoint());
        assertThat(endpoint.getScheme() + "://" + endpoint.getAuthority()).isEqualTo("https://slurm.example.org");
        assertThat(endpoint.getPath()).isEqualTo("/ucloud/slurm/upload");
        assertThat(endpoint.getRawQuery()).isEqualTo("token=" + response.token() + "&usernameHint="
                + Base64.getUrlEncoder().encodeToString(ALICE.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.protocol()).isEqualTo("CHUNKED");
        assertThat(t.service.uploadPath()).isEqualTo("/ucloud/slurm/upload");
    }

    @Test
    void websocketV2EndpointIsStillHttps() {
        var response = t.service.createUpload(t.drive, item("/12/docs/new.txt", "FILE", "RENAME", List.of("WEBSOCKET_V2")), ALICE);

        assertThat(response.protocol()).isEqualTo("WEBSOCKET_V2");
        assertThat(response.endpoint()).startsWith("https://slurm.example.org/ucloud/slurm/upload?token=");
    }

    @Test
    void tokenIsBoundToUserTargetDriveKindPolicyForOneHourAndNothingIsCreatedForAFile() throws Exception {
        UploadSession session = t.session(t.uploadFile("/12/docs/new.txt", "REPLACE"));

        assertThat(session).isEqualTo(new UploadSession(ALICE, "/12/docs/new.txt", t.drive, t.root.resolve("docs/new.txt"),
                UploadKind.FILE, ConflictPolicy.REPLACE, session.uploadId(), START.plus(Duration.ofHours(1))));
        assertThat(session.uploadId()).matches("[0-9a-f]{16}");
        assertThat(t.listing()).containsExactly("docs", "docs/a.txt");
    }

    @Test
    void lifetimeIsConfigurable() {
        var service = new UploadService(t.tokens, t.clock, URI.create(UploadFixture.PUBLIC_URL), "slurm",
                new FileOperations(TaskReporter.loggingOnly()), Duration.ofMinutes(5));
        String token = service.createUpload(t.drive, item("/12/docs/b.txt", "FILE", "RENAME", BROWSER), ALICE).token();

        t.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(service.redeem(token, UsernameHints.NONE).ucloudPath()).isEqualTo("/12/docs/b.txt");
        t.clock.advance(Duration.ofSeconds(1));
        assertThat(failure(() -> service.redeem(token, UsernameHints.NONE)).status()).isEqualTo(404);
    }

    @Test
    void fileRenameChoosesTheFirstFreeNameNow() throws Exception {
        assertThat(t.session(t.uploadFile("/12/docs/a.txt", "RENAME")).ucloudPath()).isEqualTo("/12/docs/a(1).txt");
        t.file("docs/a(1).txt", new byte[0]);

        UploadSession session = t.session(t.uploadFile("/12/docs/a.txt", "RENAME"));
        assertThat(session.ucloudPath()).isEqualTo("/12/docs/a(2).txt");
        assertThat(session.target()).isEqualTo(t.root.resolve("docs/a(2).txt"));
        assertThat(session.policy()).isEqualTo(ConflictPolicy.RENAME);
    }

    @Test
    void fileMergeRenameIsRename() {
        UploadSession session = t.session(t.uploadFile("/12/docs/a.txt", "MERGE_RENAME"));

        assertThat(session.ucloudPath()).isEqualTo("/12/docs/a(1).txt");
        assertThat(session.policy()).isEqualTo(ConflictPolicy.RENAME);
    }

    @Test
    void fileRejectRefusesATakenNameWith409AndIssuesNoToken() {
        ApiException error = failure(() -> t.uploadFile("/12/docs/a.txt", "REJECT"));

        assertThat(error.status()).isEqualTo(409);
        assertThat(error.why()).isEqualTo("A file already exists at /12/docs/a.txt");
        assertThat(t.tokens.size()).isZero();
        assertThat(t.session(t.uploadFile("/12/docs/free.txt", "REJECT")).policy()).isEqualTo(ConflictPolicy.REJECT);
    }

    @Test
    void fileReplaceKeepsTheNameAndReplacesOnlyOnCompletion() throws Exception {
        UploadSession session = t.session(t.uploadFile("/12/docs/a.txt", "REPLACE"));

        assertThat(session.ucloudPath()).isEqualTo("/12/docs/a.txt");
        assertThat(session.policy()).isEqualTo(ConflictPolicy.REPLACE);
        assertThat(Files.readString(t.root.resolve("docs/a.txt"))).isEqualTo("old");
    }

    @Test
    void aFileNeverReplacesAFolderButRenameGoesBesideIt() throws Exception {
        t.folder("docs/sub");

        assertThat(failure(() -> t.uploadFile("/12/docs/sub", "REPLACE")).status()).isEqualTo(409);
        assertThat(failure(() -> t.uploadFile("/12/docs/sub", "REJECT")).why()).isEqualTo("A folder already exists at /12/docs/sub");
        assertThat(t.session(t.uploadFile("/12/docs/sub", "RENAME")).ucloudPath()).isEqualTo("/12/docs/sub(1)");
    }

    @Test
    void missingConflictPolicyIsReject() {
        assertThat(failure(() -> t.uploadFile("/12/docs/a.txt", null)).status()).isEqualTo(409);
    }

    @Test
    void fileFolderMustExistAndBeAFolder() {
        assertThat(failure(() -> t.uploadFile("/12/nothing/x.txt", "RENAME")).status()).isEqualTo(404);
        assertThat(failure(() -> t.uploadFile("/12/docs/a.txt/x.txt", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12/", "RENAME")).status()).isEqualTo(400);
    }

    @Test
    void folderRenameCreatesTheFolderOrAFreeNameNow() throws Exception {
        UploadSession fresh = t.session(t.uploadFolder("/12/docs/up", "RENAME"));
        assertThat(fresh.ucloudPath()).isEqualTo("/12/docs/up");
        assertThat(fresh.kind()).isEqualTo(UploadKind.FOLDER);
        assertThat(fresh.target()).isEqualTo(t.root.resolve("docs/up")).isDirectory();

        UploadSession renamed = t.session(t.uploadFolder("/12/docs/up", "RENAME"));
        assertThat(renamed.ucloudPath()).isEqualTo("/12/docs/up(1)");
        assertThat(t.root.resolve("docs/up(1)")).isEmptyDirectory();
    }

    @Test
    void folderRejectRefusesAnExistingFolder() throws Exception {
        t.folder("docs/up");

        assertThat(failure(() -> t.uploadFolder("/12/docs/up", "REJECT")).status()).isEqualTo(409);
        assertThat(t.listing()).containsExactly("docs", "docs/a.txt", "docs/up");
        assertThat(t.session(t.uploadFolder("/12/docs/other", "REJECT")).target()).isDirectory();
    }

    @Test
    void folderMergeRenameAndReplaceUploadIntoTheExistingFolderKeepingItsContents() throws Exception {
        t.file("docs/up/keep.txt", new byte[] {1});

        for (String policy : List.of("MERGE_RENAME", "REPLACE")) {
            UploadSession session = t.session(t.uploadFolder("/12/docs/up", policy));
            assertThat(session.ucloudPath()).isEqualTo("/12/docs/up");
            assertThat(session.target()).isEqualTo(t.root.resolve("docs/up"));
            assertThat(session.policy()).hasToString(policy);
        }
        assertThat(t.root.resolve("docs/up/keep.txt")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void pathTraversalAndOtherDrivesAreRefused() {
        assertThat(failure(() -> t.uploadFile("/12/../x.txt", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12/docs/..", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12/docs/.", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12/docs/a\u0000b", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/12/docs/" + "x".repeat(256), "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFile("/13/docs/x.txt", "RENAME")).status()).isEqualTo(403);
        assertThat(failure(() -> t.uploadFolder("/12/../up", "RENAME")).status()).isEqualTo(400);
        assertThat(failure(() -> t.uploadFolder("/13/up", "RENAME")).status()).isEqualTo(403);
        assertThat(t.tokens.size()).isZero();
    }

    @Test
    void symlinkedFolderLeadingOutOfTheDriveIsRefusedAndNothingIsCreatedThere() throws Exception {
        Path outside = Files.createDirectory(t.base.resolve("outside"));
        Files.createSymbolicLink(t.root.resolve("escape"), outside);

        assertThat(failure(() -> t.uploadFile("/12/escape/x.txt", "RENAME")).status()).isEqualTo(403);
        assertThat(failure(() -> t.uploadFolder("/12/escape/up", "RENAME")).status()).isEqualTo(403);
        assertThat(outside).isEmptyDirectory();
        assertThat(t.tokens.size()).isZero();
    }

    @Test
    void symlinkedFolderInsideTheDriveIsNotFollowed() throws Exception {
        Files.createSymbolicLink(t.root.resolve("latest"), Path.of("docs"));

        ApiException error = failure(() -> t.uploadFile("/12/latest/new.txt", "RENAME"));
        assertThat(error.status()).isEqualTo(403);
        assertThat(error.why()).isEqualTo("Permission denied: /12/latest is a symbolic link, and file calls do not "
                + "follow links");
        assertThat(t.root.resolve("docs/new.txt")).doesNotExist();
    }

    /** Issue 13, break 2: a folder whose name is not UTF-8 is written into as itself, not as a look-alike. */
    @Test
    void aFolderWhoseNameIsNotUtf8IsTheFolderUploadedInto() throws Exception {
        Path folder = Files.createDirectory(Path.of(URI.create(t.root.toUri() + "dir%C0")));
        Files.createDirectory(t.root.resolve("dir\uFFFD"));

        UploadSession session = t.session(t.uploadFile("/12/dir\uFFFDC0/new.txt", "RENAME"));
        assertThat(session.ucloudPath()).isEqualTo("/12/dir\uFFFDC0/new.txt");
        assertThat(session.target()).isEqualTo(folder.resolve("new.txt"));
        PartialFile file = PartialFile.create(session.destination(null), "00000000000000a1");
        file.write(java.nio.ByteBuffer.wrap("up".getBytes(StandardCharsets.UTF_8)));
        file.commit(START);
        assertThat(Files.readString(folder.resolve("new.txt"))).isEqualTo("up");
        assertThat(t.root.resolve("dir\uFFFD")).isEmptyDirectory();
    }

    @Test
    void badTypePolicyOrProtocolIs400() {
        assertThat(failure(() -> t.service.createUpload(t.drive, item("/12/x", "LINK", "RENAME", BROWSER), ALICE)).status()).isEqualTo(400);
        assertThat(failure(() -> t.service.createUpload(t.drive, item("/12/x", null, "RENAME", BROWSER), ALICE)).status()).isEqualTo(400);
        assertThat(failure(() -> t.service.createUpload(t.drive, item("/12/x", "FILE", "OVERWRITE", BROWSER), ALICE)).status()).isEqualTo(400);
        ApiException protocol = failure(() -> t.service.createUpload(t.drive, item("/12/up", "FOLDER", "RENAME", List.of("CHUNKED")), ALICE));
        assertThat(protocol.status()).isEqualTo(400);
        assertThat(t.root.resolve("up")).doesNotExist();
    }

    @Test
    void typeAndPolicyAreReadInAnyLetterCase() {
        UploadSession session = t.session(t.service.createUpload(t.drive, item("/12/docs/a.txt", "file", "rename", BROWSER), ALICE));

        assertThat(session.kind()).isEqualTo(UploadKind.FILE);
        assertThat(session.ucloudPath()).isEqualTo("/12/docs/a(1).txt");
    }

    @Test
    void redeemRefusesForeignHintsDownloadTokensAndExpiredTokensAlike() {
        CreateUploadResponseItem upload = t.uploadFile("/12/docs/new.txt", "RENAME");
        String standardHint = Base64.getEncoder().encodeToString(ALICE.getBytes(StandardCharsets.UTF_8));
        String bob = Base64.getUrlEncoder().encodeToString("bob#1".getBytes(StandardCharsets.UTF_8));
        String download = t.tokens.issue(new Capability(ALICE, "/12/docs/a.txt", t.root.resolve("docs/a.txt"),
                Operation.DOWNLOAD, START.plusSeconds(60)));

        assertThat(t.service.redeem(upload.token(), UsernameHints.of(standardHint)).ucloudUser()).isEqualTo(ALICE);
        ApiException foreign = failure(() -> t.service.redeem(upload.token(), UsernameHints.of(bob)));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(failure(() -> t.service.redeem(download, UsernameHints.NONE)).why()).isEqualTo(foreign.why());
        assertThat(failure(() -> t.service.redeem("nonsense", UsernameHints.NONE)).why()).isEqualTo(foreign.why());
        t.clock.advance(Duration.ofHours(1));
        assertThat(failure(() -> t.service.redeem(upload.token(), UsernameHints.NONE)).why()).isEqualTo(foreign.why());
    }

    @Test
    void onlyUploadCapabilitiesCarryUploadTermsAndAnUploadWithoutTermsIsNotRedeemed() {
        var terms = new UploadTerms(t.drive, UploadKind.FILE, ConflictPolicy.REJECT, "0123456789abcdef");
        assertThatThrownBy(() -> new Capability(ALICE, "/12/x", t.root.resolve("x"), Operation.DOWNLOAD, START.plusSeconds(60), terms))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadTerms(t.drive, UploadKind.FILE, ConflictPolicy.REJECT, "../x"))
                .isInstanceOf(IllegalArgumentException.class);

        String bare = t.tokens.issue(new Capability(ALICE, "/12/x", t.root.resolve("x"), Operation.UPLOAD, START.plusSeconds(60)));
        assertThat(failure(() -> t.service.redeem(bare, UsernameHints.NONE)).status()).isEqualTo(404);
    }

    @Test
    void badConfigurationIsRefusedAtConstruction() {
        var folders = new FileOperations(TaskReporter.loggingOnly());
        assertThatThrownBy(() -> new UploadService(t.tokens, t.clock, URI.create("/relative"), "slurm", folders))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadService(t.tokens, t.clock, URI.create("https://x.org"), "../x", folders))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UploadService(t.tokens, t.clock, URI.create("https://x.org"), "slurm", folders, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dk.sdu.im.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * File calls of contract section 3.4 (browse, retrieve, and the calls that change files of 3.4.3) and the
 * ProviderFile of 5.3. Every file id and every path is a UCloud path {@code /<driveId>/<path inside the drive>};
 * nothing here is a local path.
 */
public final class Files {
    private Files() {
    }

    /**
     * The part of the resolved drive (contract 5.2) a file call needs; Core sends the whole drive and the
     * rest is ignored. {@code providerGeneratedId} is where the provider keeps its own mapping.
     */
    public record Drive(String id, String providerGeneratedId) {
    }

    /**
     * FileFlags, all optional. The {@code include*} flags switch fields of the reply on and off; the UI
     * always sends sizes, timestamps and unix info as true. The ResourceFlags Core also sends are ignored.
     */
    public record FileFlags(String path, Boolean includePermissions, Boolean includeTimestamps, Boolean includeSizes,
                            Boolean includeUnixInfo, Boolean includeMetadata, Boolean filterHiddenFiles,
                            String filterByFileExtension) {
    }

    /** The {@code Browse} object: the folder is {@code flags.path}; {@code next} is null for the first page. */
    public record BrowseOptions(FileFlags flags, Integer itemsPerPage, String next, String sortBy,
                                String sortDirection) {
    }

    /**
     * The body of {@code files/browse}. Go sends the key capitalised ({@code "Browse"}); the boundary
     * mapper matches keys case-insensitively, so {@code "browse"} binds as well.
     */
    public record BrowseRequest(Drive resolvedCollection, @JsonProperty("Browse") BrowseOptions browse) {
    }

    /** The {@code retrieve} object: {@code id} is the UCloud path of the file. */
    public record RetrieveOptions(FileFlags flags, String id) {
    }

    /** The body of {@code files/retrieve}; here the key is lower-case {@code retrieve}. */
    public record RetrieveRequest(Drive resolvedCollection, RetrieveOptions retrieve) {
    }

    /**
     * ProviderFile: what the provider reports for one file. {@code createdAt} is left out (not null) when
     * timestamps were not asked for, because Core's decoder rejects a null timestamp (contract 1.3).
     */
    public record ProviderFile(String id, @JsonInclude(JsonInclude.Include.NON_NULL) Long createdAt,
                               FileStatus status) {
    }

    /**
     * The status of a ProviderFile. {@code type} is {@code FILE} or {@code DIRECTORY}; {@code unixMode} holds
     * only the permission bits (0644 is 420). Fields not asked for are null; the timestamps are then left out.
     */
    public record FileStatus(String type, String icon, Long sizeInBytes, Long sizeIncludingChildrenInBytes,
                             Long fileCount, Long directoryCount,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long modifiedAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Long accessedAt,
                             Integer unixMode, Integer unixOwner, Integer unixGroup, Object metadata) {
    }

    /*
     * The calls that change files (contract 3.4.3). Each arrives as a bulk request {"items":[...]}
     * (Envelopes.BulkRequest of the record below); the reply is {"responses":[{},...]}, one empty object per item
     * (Envelopes.BulkResponse of Envelopes.Empty), whose content Core ignores. conflictPolicy is one of RENAME,
     * REJECT, REPLACE, MERGE_RENAME (Go does not validate it; the receiver does).
     */

    /** An item of {@code files/folder}: {@code id} is the path of the new folder. */
    public record CreateFolderRequest(String id, String conflictPolicy, Drive resolvedCollection) {
    }

    /**
     * An item of {@code files/move} and {@code files/copy}: {@code newId} is the full destination path, not the
     * folder it goes into. The two drives may differ (Core refuses only moves between providers).
     */
    public record MoveOrCopyRequest(String oldId, String newId, String conflictPolicy, Drive resolvedOldCollection,
                                    Drive resolvedNewCollection) {
    }

    /** An item of {@code files/trash}: the file or folder to move to the drive's trash folder. */
    public record TrashRequest(String id, Drive resolvedCollection) {
    }

    /** An item of {@code files/emptyTrash}: {@code id} is the trash folder itself. */
    public record EmptyTrashRequest(String id, Drive resolvedCollection) {
    }

    /**
     * An item of the permanent delete ({@code DELETE /ucloud/<provider>/files}). Core sends whole UFile objects
     * and no resolved drive; only the path and the drive's id ({@code specification.collection}) are kept.
     */
    public record DeleteRequest(String id, FileSpecification specification) {
    }

    /**
     * The {@code specification} of a UFile: the id of the drive the file is on, and its product (whose category
     * names the drive locator when the instance has not seen the drive yet).
     */
    public record FileSpecification(String collection, Products.ProductReference product) {
        /** The product category, or "" when the product is missing. */
        public String category() {
            return product == null || product.category() == null ? "" : product.category();
        }
    }
}

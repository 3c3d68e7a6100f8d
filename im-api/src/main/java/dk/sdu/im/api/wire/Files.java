package dk.sdu.im.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * File calls of contract section 3.4 (browse, retrieve) and the ProviderFile of 5.3. Every file id and
 * every path is a UCloud path {@code /<driveId>/<path inside the drive>}; nothing here is a local path.
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
}

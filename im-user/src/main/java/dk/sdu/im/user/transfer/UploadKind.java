package dk.sdu.im.user.transfer;

import dk.sdu.im.api.ApiException;
import java.util.Locale;

/** What an upload creates (contract 3.4.4 {@code type}): one file, or a folder the browser fills with files. */
public enum UploadKind {
    FILE, FOLDER;

    /** Core's string, in any letter case (Go does not validate enums); missing or unknown is 400. */
    static UploadKind of(String wire) {
        if (wire == null || wire.isBlank()) {
            throw ApiException.badRequest("An upload needs a type: FILE or FOLDER");
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Unknown upload type; expected FILE or FOLDER");
        }
    }
}

package dk.sdu.im.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.sdu.im.api.ApiException;
import java.util.List;

/** Envelopes of contract section 1.2 and the error body of 1.4. */
public final class Envelopes {
    private Envelopes() {
    }

    /** {@code {"items":[...]}}; Core omits {@code items} when empty, so null reads as empty. */
    public record BulkRequest<T>(List<T> items) {
        public BulkRequest {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** {@code {"responses":[...]}}; omitted when empty, so {@code {}} is a valid empty reply. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BulkResponse<T>(List<T> responses) {
        public BulkResponse {
            responses = responses == null ? List.of() : List.copyOf(responses);
        }
    }

    /** A page; {@code items} is never null and {@code next} is null on the last page. */
    public record PageV2<T>(List<T> items, int itemsPerPage, String next) {
        public PageV2 {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** {@code {"statusCode":403,"why":"...","errorCode":null}}. */
    public record ErrorBody(int statusCode, String why, String errorCode) {
        /** The body that reports {@code error}: its status, its {@code why} and its error code. */
        public static ErrorBody of(ApiException error) {
            return new ErrorBody(error.status(), error.why(), error.errorCode());
        }
    }

    /** {@code {}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Empty() {
    }
}

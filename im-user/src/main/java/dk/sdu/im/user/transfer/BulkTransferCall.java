package dk.sdu.im.user.transfer;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dk.sdu.im.api.ApiException;
import dk.sdu.im.api.rpc.Call;
import dk.sdu.im.api.wire.Envelopes.BulkRequest;
import dk.sdu.im.api.wire.Envelopes.BulkResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The shape shared by {@code files/download} and {@code files/upload}: a user call whose body is a bulk request,
 * answered with one response item per request item, in order, as Core requires. The first item that fails fails
 * the whole call with its error (Core has no per-item error).
 */
final class BulkTransferCall {
    private BulkTransferCall() {
    }

    /**
     * Answers each item with {@code one(item, user)} for the call's verified user.
     *
     * @param fields what an item must have, for the 400 when the body is JSON of another shape
     */
    static <T, R> BulkResponse<R> answer(Call call, Class<T> itemType, String fields, BiFunction<T, String, R> one) {
        String user = call.caller().ucloudUser()
                .orElseThrow(() -> ApiException.forbidden("This call needs a user context"));
        List<R> responses = new ArrayList<>();
        for (T item : items(call, itemType, fields)) {
            if (item == null) {
                throw ApiException.badRequest("An item of the request is null");
            }
            responses.add(one.apply(item, user));
        }
        return new BulkResponse<>(responses);
    }

    private static <T> List<T> items(Call call, Class<T> itemType, String fields) {
        JsonNode body = call.body(JsonNode.class);
        JavaType type = call.mapper().getTypeFactory().constructParametricType(BulkRequest.class, itemType);
        try {
            BulkRequest<T> request = call.mapper().convertValue(body, type);
            return request.items();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The request is not a list of items with " + fields);
        }
    }
}

package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /auth/providers/refresh} (contract 2.3): trades refresh tokens for provider access tokens.
 * Called without a JWT; an unknown token fails the whole call with 401 {@code "Unauthorized"}.
 */
final class RefreshEndpoint implements Endpoint {
    private final ProviderRegistry providers;
    private final ProviderAccessTokens accessTokens;

    RefreshEndpoint(ProviderRegistry providers, ProviderAccessTokens accessTokens) {
        this.providers = providers;
        this.accessTokens = accessTokens;
    }

    @Override
    public JsonNode handle(Call call) {
        ObjectNode reply = Fields.object();
        ArrayNode responses = reply.putArray("responses");
        for (JsonNode item : call.items()) {
            String token = item.isObject() ? item.path("refreshToken").asText("") : "";
            Provider provider = providers.refresh(token).orElseThrow(CoreError::unauthorized);
            responses.addObject().put("accessToken", accessTokens.mint(provider)).put("csrfToken", "");
        }
        return reply;
    }
}

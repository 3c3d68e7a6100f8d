package dk.sdu.im.api.wire;

/** The provider's own credentials at Core (contract 2.3). */
public final class ProviderAuth {
    private ProviderAuth() {
    }

    public record RefreshRequest(String refreshToken) {
    }

    public record AccessToken(String accessToken, String csrfToken) {
    }
}

package dk.sdu.im.config;

import java.net.URI;
import java.util.Objects;

/**
 * Who this provider is (section {@code provider}).
 *
 * @param id the provider id registered in UCloud; 1 to 64 of {@code [a-z0-9-]}, not starting with
 *     {@code -}; it appears in URL paths ({@code /ucloud/<id>/...}). Required.
 * @param publicUrl where UCloud and browsers reach this provider (the gateway); an absolute http or
 *     https URL without user info, query, fragment or trailing {@code /}. Required.
 */
public record ProviderConfig(String id, URI publicUrl) {
    static final Keys KEYS = Keys.of("id", "publicUrl");

    public ProviderConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    static ProviderConfig read(YamlSection yaml) throws ConfigException {
        return new ProviderConfig(yaml.value("id", NamePattern.PROVIDER_ID), yaml.value("publicUrl", new HttpUrl()));
    }
}

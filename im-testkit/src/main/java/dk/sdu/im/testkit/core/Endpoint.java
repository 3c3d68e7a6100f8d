package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Business logic of one route. Runs after routing, auth and body parsing; returns the 2xx JSON body or
 * throws {@link CoreError}. Called concurrently from request threads.
 */
@FunctionalInterface
interface Endpoint {
    JsonNode handle(Call call);
}

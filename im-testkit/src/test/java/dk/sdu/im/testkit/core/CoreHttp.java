package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A provider's side of the wire, written for these tests only: plain JDK HTTP to FakeCore, bodies sent
 * without Content-Type, replies parsed as JSON.
 */
final class CoreHttp implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Res(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String why() {
            return json().path("why").asText(null);
        }
    }

    CoreHttp(FakeCore core) {
        this.base = core.baseUri();
    }

    String accessToken(Provider provider) {
        Res res = refresh(provider.refreshToken());
        if (res.status() != 200) {
            throw new AssertionError("refresh failed: " + res);
        }
        return res.json().at("/responses/0/accessToken").asText();
    }

    Res refresh(String refreshToken) {
        return post("/auth/providers/refresh", "{\"items\":[{\"refreshToken\":\"" + refreshToken + "\"}]}", null);
    }

    Res get(String pathAndQuery, String token) {
        return send(request(pathAndQuery, token).GET());
    }

    Res post(String path, String body, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Res post(String path, JsonNode body, String token) {
        return post(path, body.toString(), token);
    }

    Res send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Parses test JSON written with single quotes for readability. */
    static JsonNode json(String text) {
        return parse(text.replace('\'', '"'));
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}

package dk.sdu.im.testkit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@link TestkitMain}, checked against a fixed shape: each option at most once, every
 * option takes one value, {@code --state-dir} is required. Anything else is an {@link IllegalArgumentException}
 * with a one-line reason.
 *
 * @param port        port on 127.0.0.1; 0 picks a free one
 * @param providerId  the provider to register
 * @param stateDir    where {@code refresh-token} and {@code ucloud_key.pub} are written
 * @param providerUrl the provider's base URL for the curl proxy, or null for no proxy
 */
record TestkitArgs(int port, String providerId, Path stateDir, URI providerUrl) {
    static final String USAGE = """
            usage: testkit --state-dir DIR [--port N] [--provider-id ID] [--provider-url URL]
              --state-dir DIR     write DIR/refresh-token (0600) and DIR/ucloud_key.pub (0644); required
              --port N            listen on 127.0.0.1:N (default 0: any free port)
              --provider-id ID    provider to register (default dev)
              --provider-url URL  also serve /_testkit/provider/<rest>, forwarded to URL/<rest> with Core's
                                  JWT; add -H 'ucloud-username: alice#1234' or ?asUser=alice%231234 for a user call
              --help              print this text""";

    static TestkitArgs parse(List<String> args) {
        Integer port = null;
        String providerId = null;
        Path stateDir = null;
        URI providerUrl = null;
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--port" -> port = once(port, option, port(value));
                case "--provider-id" -> providerId = once(providerId, option, providerId(value));
                case "--state-dir" -> stateDir = once(stateDir, option, Path.of(value));
                case "--provider-url" -> providerUrl = once(providerUrl, option, url(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("--state-dir is required");
        }
        return new TestkitArgs(port == null ? 0 : port, providerId == null ? "dev" : providerId, stateDir, providerUrl);
    }

    private static <T> T once(T previous, String option, T value) {
        if (previous != null) {
            throw new IllegalArgumentException(option + " given twice");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be 0..65535: " + value);
    }

    private static String providerId(String value) {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("--provider-id may only contain letters, digits, '.', '_' and '-'");
        }
        return value;
    }

    private static URI url(String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("--provider-url must be an absolute http(s) URL: " + value);
    }
}

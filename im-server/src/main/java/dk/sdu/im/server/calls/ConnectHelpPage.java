package dk.sdu.im.server.calls;

/**
 * The page a browser is sent to when a UCloud user has no local account here. It shows the administrator's
 * configured text; everything interpolated is HTML-escaped because the username comes from the URL.
 */
public final class ConnectHelpPage {
    private final String providerId;
    private final String message;

    public ConnectHelpPage(String providerId, String message) {
        this.providerId = providerId;
        this.message = message;
    }

    String render(String username) {
        String who = username == null || username.isBlank() ? "Your UCloud user" : "The UCloud user <b>" + escape(username) + "</b>";
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Connect to %1$s</title></head>
                <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
                <h1>No account on %1$s yet</h1>
                <p>%2$s is not connected to a local account on this system.</p>
                <p>%3$s</p>
                </body></html>
                """.formatted(escape(providerId), who, escape(message));
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

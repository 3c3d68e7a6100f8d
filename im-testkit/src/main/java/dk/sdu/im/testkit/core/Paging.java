package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds a PageV2 ({@code {"items":[...],"itemsPerPage":N,"next":null|"opaque"}}) over a snapshot list,
 * with Core's normalisation of {@code itemsPerPage} (at most 0 becomes 50, the maximum is 1000). The cursor
 * is opaque to callers (base64url of an offset) and a cursor this class did not produce is a 400.
 */
final class Paging {
    static final int DEFAULT_ITEMS_PER_PAGE = 50;
    static final int MAX_ITEMS_PER_PAGE = 1000;
    private static final String CURSOR_PREFIX = "offset:";

    private Paging() {
    }

    static ObjectNode page(List<? extends JsonNode> all, Map<String, String> query) {
        int size = itemsPerPage(query.get("itemsPerPage"));
        int offset = offset(query.get("next"));
        int end = Math.min(all.size(), offset + size);
        ObjectNode page = Fields.object();
        var items = page.putArray("items");
        for (int i = Math.min(offset, all.size()); i < end; i++) {
            items.add(all.get(i));
        }
        page.put("itemsPerPage", size);
        if (end < all.size()) {
            page.put("next", cursor(end));
        } else {
            page.putNull("next");
        }
        return page;
    }

    static int itemsPerPage(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_ITEMS_PER_PAGE;
        }
        int requested = parseInt(raw, "itemsPerPage");
        if (requested <= 0) {
            return DEFAULT_ITEMS_PER_PAGE;
        }
        return Math.min(requested, MAX_ITEMS_PER_PAGE);
    }

    private static int offset(String next) {
        if (next == null || next.isEmpty() || next.equals("null")) {
            return 0;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw CoreError.badRequest("Invalid 'next' token");
        }
        if (!decoded.startsWith(CURSOR_PREFIX)) {
            throw CoreError.badRequest("Invalid 'next' token");
        }
        int offset = parseInt(decoded.substring(CURSOR_PREFIX.length()), "next");
        if (offset < 0) {
            throw CoreError.badRequest("Invalid 'next' token");
        }
        return offset;
    }

    private static String cursor(int offset) {
        byte[] raw = (CURSOR_PREFIX + offset).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static int parseInt(String raw, String name) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw CoreError.badRequest("Invalid '" + name + "'");
        }
    }
}

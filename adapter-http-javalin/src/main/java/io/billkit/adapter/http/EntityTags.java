package io.billkit.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Conditional-request and download helpers (RFC 9110 entity tags, RFC 6266 Content-Disposition). */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether an {@code If-None-Match} header value matches {@code etag}: {@code *} or any listed tag, compared
     * weakly as RFC 9110 requires for If-None-Match (a {@code W/} prefix is ignored on both sides).
     */
    static boolean matchesAny(String ifNoneMatch, String etag) {
        Objects.requireNonNull(etag, "etag");
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.trim();
    }

    /**
     * {@code attachment; filename="INV-2026-000001.pdf"; filename*=UTF-8''...}: the plain form with anything but
     * safe ASCII replaced by {@code _}, and the exact name percent-encoded for clients that read {@code filename*}.
     */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

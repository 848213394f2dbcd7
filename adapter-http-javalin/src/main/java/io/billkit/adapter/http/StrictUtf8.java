package io.billkit.adapter.http;

import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8: request bodies and query strings are decoded with a {@link java.nio.charset.CharsetDecoder} that
 * REPORTs malformed input instead of replacing it, so an overlong form ({@code C0 AF} for {@code /}), an encoded
 * surrogate ({@code ED A0 80}), a truncated sequence or a stray byte is a 400 problem, never a {@code U+FFFD} or a
 * {@code ?} that gets stored. (Paths are checked by Jetty, which answers 400 itself; see
 * {@link ServerErrorHandler}.) Lone surrogates written as JSON escapes ({@code "\uD800"}) are refused by
 * {@link Json}'s string reading with {@link #hasLoneSurrogate(String)}.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** {@code bytes} as text, or a 400 {@code invalid-encoding} problem naming {@code field}. */
    static String decode(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(field, "the " + field + " is not well-formed UTF-8 (overlong forms, encoded surrogates, "
                    + "truncated sequences and stray bytes are refused)");
        }
    }

    /** Whether {@code text} holds a high surrogate without its low half, or a low one without its high half. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a raw query string whose percent-encoded bytes are not well-formed UTF-8 or encode NUL
     * (400 naming the parameter). Javalin would otherwise decode them leniently to {@code U+FFFD}.
     */
    static void checkQuery(Context ctx) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String shownName = Optional.of(name).filter(n -> n.matches("[A-Za-z0-9_.-]{1,64}")).orElse("query");
            checkComponent(name, "query");
            if (eq >= 0) {
                checkComponent(pair.substring(eq + 1), shownName);
            }
        }
    }

    private static void checkComponent(String component, String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length() || Character.digit(component.charAt(i + 1), 16) < 0
                        || Character.digit(component.charAt(i + 2), 16) < 0) {
                    throw invalid(field, "the query parameter " + field + " has a malformed percent-encoding");
                }
                bytes.write(Integer.parseInt(component.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c > 0x7F) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        String decoded = decode(bytes.toByteArray(), "query parameter " + field);
        if (decoded.indexOf('\u0000') >= 0) {
            throw invalid(field, "the query parameter " + field + " must not contain NUL (%00)");
        }
    }

    private static ApiProblem invalid(String field, String detail) {
        String shown = field.startsWith("query parameter ") ? field.substring("query parameter ".length()) : field;
        return new ApiProblem(400, "invalid-encoding", "Malformed text encoding", detail, Optional.of(shown),
                java.util.Map.of());
    }
}

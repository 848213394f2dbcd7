package io.billkit.adapter.http;

import io.javalin.http.Context;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is a sane token (1..128 of {@code [A-Za-z0-9._:-]}),
 * else a new UUID. The id is echoed in the response header, stored on the context and put in the SLF4J
 * MDC under {@code requestId} for the request's duration, so every log line of the request carries it.
 */
final class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "billkit.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static void begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    static void end(Context ctx) {
        MDC.remove(MDC_KEY);
    }

    /** The request's id; null only before {@link #begin(Context)} ran. */
    static String of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}

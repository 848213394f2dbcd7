package io.billkit.adapter.http;

import io.billkit.application.tracing.TraceContext;
import io.javalin.http.Context;

/**
 * Trace context per request: the caller's W3C {@code traceparent} when it is valid ({@link TraceContext#parse},
 * strict), else a new trace. The request runs in a child span of the caller's (same trace id, new span id), put in
 * the SLF4J MDC ({@code traceId}, {@code spanId}) for every log line of the request and read by the outgoing calls
 * made while serving it; the answer carries {@code traceresponse} (W3C Trace Context level 2) with that span, so a
 * caller without a tracer can still find the request's log lines.
 */
final class Tracing {
    static final String RESPONSE_HEADER = "traceresponse";
    private static final String ATTRIBUTE = "billkit.traceScope";

    private Tracing() {
    }

    static void begin(Context ctx) {
        TraceContext trace = TraceContext.parse(ctx.header(TraceContext.HEADER)).map(TraceContext::child)
                .orElseGet(TraceContext::newTrace);
        ctx.attribute(ATTRIBUTE, trace.open());
        ctx.header(RESPONSE_HEADER, trace.traceparent());
    }

    static void end(Context ctx) {
        TraceContext.Scope scope = ctx.attribute(ATTRIBUTE);
        if (scope != null) {
            scope.close();
        }
    }
}

package io.billkit.application.tracing;

import org.slf4j.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context ({@code traceparent}, https://www.w3.org/TR/trace-context/) as OpenTelemetry propagates it:
 * a 32-hex trace id shared by every service of one request, this service's 16-hex span id and the 2-hex flags
 * ({@code 01} = sampled). BillKit exports no spans; it keeps the context so that its logs (SLF4J MDC keys
 * {@value #MDC_TRACE_ID} and {@value #MDC_SPAN_ID}) and its outgoing calls (payment provider, webhooks) carry the
 * caller's trace id.
 *
 * <p>Parsing is strict and hand-written (the header is 55 characters; no library needed): version 2 hex other than
 * {@code ff}, then {@code -}, 32 lowercase hex not all zero, {@code -}, 16 lowercase hex not all zero, {@code -},
 * 2 hex flags. Version {@code 00} must end there; a later version may carry more after a {@code -} (ignored, as
 * the specification asks). Anything else is no context: the service starts a new trace.
 *
 * <p>The context of the running work belongs to its thread ({@link #current()}, {@link #open()}): the HTTP
 * adapter opens it per request, the scheduler per job run.
 */
public record TraceContext(String traceId, String spanId, String flags) {
    /** The W3C header name. */
    public static final String HEADER = "traceparent";
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";
    public static final String MDC_TRACE_FLAGS = "traceFlags";

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern FLAGS = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern HEAD = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

    public TraceContext {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(flags, "flags");
        if (!TRACE_ID.matcher(traceId).matches() || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("traceId must be 32 lowercase hex digits, not all zero: " + traceId);
        }
        if (!SPAN_ID.matcher(spanId).matches() || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("spanId must be 16 lowercase hex digits, not all zero: " + spanId);
        }
        if (!FLAGS.matcher(flags).matches()) {
            throw new IllegalArgumentException("flags must be 2 lowercase hex digits: " + flags);
        }
    }

    /** The context a {@code traceparent} header value carries, or empty when it is absent or malformed. */
    public static Optional<TraceContext> parse(String header) {
        if (header == null || header.length() < 55) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.length() < 55) {
            return Optional.empty();
        }
        String head = value.substring(0, 55);
        var m = HEAD.matcher(head);
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(1);
        if (version.equals("ff")) {
            return Optional.empty();
        }
        if (version.equals("00") ? value.length() != 55 : value.length() > 55 && value.charAt(55) != '-') {
            return Optional.empty();
        }
        if (m.group(2).equals(ZERO_TRACE) || m.group(3).equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(m.group(2), m.group(3), m.group(4)));
    }

    /** A new trace (sampled) with a random trace id and span id. */
    public static TraceContext newTrace() {
        return new TraceContext(randomHex(16, ZERO_TRACE), randomHex(8, ZERO_SPAN), "01");
    }

    /** A new span of this trace (this service's work for a caller's span): same trace id and flags. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8, ZERO_SPAN), flags);
    }

    /** The header value, version {@code 00}: {@code 00-<traceId>-<spanId>-<flags>}. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /** The context of the work running on the calling thread, if it opened one ({@link #open()}). */
    public static Optional<TraceContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes this the calling thread's context and puts it in the SLF4J MDC (for the log lines); closing the scope
     * puts back what was there. The thread-local is the source of truth, so propagation works whatever logging
     * backend (or none) the embedding application uses.
     */
    public Scope open() {
        TraceContext previous = CURRENT.get();
        CURRENT.set(this);
        toMdc(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
                MDC.remove(MDC_TRACE_ID);
                MDC.remove(MDC_SPAN_ID);
                MDC.remove(MDC_TRACE_FLAGS);
            } else {
                CURRENT.set(previous);
                toMdc(previous);
            }
        };
    }

    private static void toMdc(TraceContext trace) {
        MDC.put(MDC_TRACE_ID, trace.traceId);
        MDC.put(MDC_SPAN_ID, trace.spanId);
        MDC.put(MDC_TRACE_FLAGS, trace.flags);
    }

    /** What {@link #open()} returns: closing it ends the context on the thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static String randomHex(int bytes, String zero) {
        byte[] random = new byte[bytes];
        String hex;
        do {
            RANDOM.nextBytes(random);
            hex = HexFormat.of().formatHex(random);
        } while (hex.equals(zero));
        return hex;
    }
}

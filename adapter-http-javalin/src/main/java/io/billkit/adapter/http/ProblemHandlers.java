package io.billkit.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.domain.BillingException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place where failures become HTTP responses: every exception handler of the server is registered
 * here and answers {@code application/problem+json} ({@link Problem}). Each answer gets a fresh
 * {@code errorId}; 5xx answers are logged with it and the stack trace and never show internals, 4xx answers
 * are logged at INFO with it. A 503 from the domain ({@code PROVIDER_UNAVAILABLE}) carries {@code Retry-After}.
 * A failure caused by the database being unreachable (no pooled connection within the pool's timeout, a
 * connection lost or terminated: JDBC's transient/non-transient connection exceptions, SQLSTATE class 08,
 * 57P01..57P03) answers 503 {@code database-unavailable} with {@code Retry-After}: the request is safe to retry
 * with the same event ids or idempotency key.
 */
final class ProblemHandlers {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandlers.class);
    /** {@code Retry-After} of a 503 from the domain (payment provider unavailable): retry after this many seconds. */
    static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 30;
    /** {@code Retry-After} of a 503 because the database cannot be reached. */
    static final long DATABASE_RETRY_AFTER_SECONDS = 5;

    private final ObjectMapper mapper;
    private final long maxRequestBytes;

    ProblemHandlers(ObjectMapper mapper, long maxRequestBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.maxRequestBytes = maxRequestBytes;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.exception(ApiProblem.class, (e, ctx) ->
                respond(ctx, e.status(), e.slug(), e.title(), e.getMessage(), e.field(), e.headers(), e));
        routes.exception(BillingException.class, (e, ctx) -> {
            int status = ErrorCodeStatus.status(e.code());
            String detail = fromUpstream(e) ? upstreamDetail(e)
                    : e.getMessage() == null ? ErrorCodeStatus.title(e.code()) : e.getMessage();
            Map<String, String> headers = status == 503
                    ? Map.of("Retry-After", Long.toString(UNAVAILABLE_RETRY_AFTER_SECONDS)) : Map.of();
            respond(ctx, status, ErrorCodeStatus.slug(e.code()), ErrorCodeStatus.title(e.code()), detail,
                    Optional.empty(), headers, e);
        });
        routes.exception(JsonProcessingException.class, (e, ctx) -> {
            ApiProblem problem = JsonBody.toProblem(e);
            respond(ctx, problem.status(), problem.slug(), problem.title(), problem.getMessage(), problem.field(),
                    Map.of(), e);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> respondToJavalin(ctx, e));
        routes.exception(Exception.class, (e, ctx) -> {
            if (databaseUnavailable(e)) {
                respond(ctx, 503, "database-unavailable", "Database unavailable",
                        "the database cannot be reached right now; retry later with the same event ids or "
                                + "idempotency key (duplicates are recognised)", Optional.empty(),
                        Map.of("Retry-After", Long.toString(DATABASE_RETRY_AFTER_SECONDS)), e);
                return;
            }
            respond(ctx, 500, "internal-error", "Internal error",
                    "the server failed to answer; quote the errorId when reporting it", Optional.empty(), Map.of(), e);
        });
    }

    private void respondToJavalin(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> respond(ctx, 404, "not-found", "Not found",
                    "no route for " + ctx.method() + " " + ctx.path(), Optional.empty(), Map.of(), e);
            case 405 -> {
                String allowed = allowedMethods(e);
                respond(ctx, 405, "method-not-allowed", "Method not allowed",
                        ctx.method() + " is not allowed on " + ctx.path()
                                + (allowed.isEmpty() ? "" : "; allowed: " + allowed), Optional.empty(),
                        allowed.isEmpty() ? Map.of() : Map.of("Allow", allowed), e);
            }
            case 413 -> {
                ApiProblem tooLarge = ApiProblem.contentTooLarge(maxRequestBytes);
                respond(ctx, 413, tooLarge.slug(), tooLarge.title(), tooLarge.getMessage(), Optional.empty(), Map.of(), e);
            }
            default -> respond(ctx, status, "http-" + status, titleOf(status),
                    status >= 500 ? "the server failed to answer" : String.valueOf(e.getMessage()),
                    Optional.empty(), Map.of(), e);
        }
    }

    /**
     * The methods Javalin found for the path ({@code prefer405over404} puts them in the exception's details as
     * {@code availableMethods}), as an {@code Allow} value; HEAD is allowed wherever GET is.
     */
    static String allowedMethods(HttpResponseException e) {
        String listed = e.getDetails().getOrDefault("availableMethods", "");
        java.util.LinkedHashSet<String> methods = new java.util.LinkedHashSet<>();
        for (String m : listed.replaceAll("[\\[\\]]", "").split("[,\\s]+")) {
            if (m.matches("[A-Z]+")) {
                methods.add(m);
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return String.join(", ", methods);
    }

    /**
     * Whether {@code e} wraps a failure of something outside BillKit (the payment provider's SDK, the database
     * driver): its message then quotes that system's own text (Stripe's error message, a constraint's key values),
     * which stays in the server log with the errorId and is not shown to the client.
     */
    static boolean fromUpstream(BillingException e) {
        return e.getCause() != null && !(e.getCause() instanceof BillingException);
    }

    /** What a client is told about an upstream failure: the code's meaning, no upstream text. */
    static String upstreamDetail(BillingException e) {
        String what = switch (e.code()) {
            case PAYMENT_FAILED -> "the payment provider declined the payment";
            case PROVIDER_UNAVAILABLE -> "the payment provider cannot be reached or refused the call; retry later";
            case NOT_FOUND -> "the object was not found";
            case CONFLICT -> "the change conflicts with data that already exists";
            case IDEMPOTENCY_KEY_REUSED -> "the idempotency key was already used for another request";
            case FORBIDDEN -> "not allowed for this customer";
            default -> "the request was refused: " + ErrorCodeStatus.title(e.code()).toLowerCase(java.util.Locale.ROOT);
        };
        return what + " (the server log has the details under this errorId)";
    }

    /** Whether {@code failure} comes from an unreachable database (see the class comment). */
    static boolean databaseUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 25; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void respond(Context ctx, int status, String slug, String title, String detail, Optional<String> field,
                         Map<String, String> headers, Exception cause) {
        String errorId = UUID.randomUUID().toString();
        if (status == 503 && slug.equals("database-unavailable")) {
            log.warn("{} {} answered 503 database-unavailable: {} [errorId={}]", ctx.method(), ctx.path(),
                    rootMessage(cause), errorId);
        } else if (status >= 500) {
            log.error("{} {} failed with {} [errorId={}]", ctx.method(), ctx.path(), status, errorId, cause);
        } else {
            log.info("{} {} answered {} {}: {}{} [errorId={}]", ctx.method(), ctx.path(), status, slug, detail,
                    logNote(cause), errorId);
        }
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, ctx.path(), errorId,
                RequestIds.of(ctx), field.orElse(null));
        if (status != 413) {
            readUnreadBody(ctx);
        }
        headers.forEach(ctx::header);
        ctx.status(status).contentType(Problem.CONTENT_TYPE).result(write(problem));
    }

    /**
     * Reads what is left of a request body no larger than the body limit before answering. A request refused
     * before its handler read the body (401, 403, 429) would otherwise be answered while the body is still in
     * flight: Jetty then closes the connection, and the client's late body bytes make the client's TCP stack
     * receive a reset that can discard the answer ("header parser received no bytes"). Read, the connection
     * stays usable and the answer arrives.
     */
    private void readUnreadBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared > maxRequestBytes) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while (total <= maxRequestBytes && (read = in.read(buffer)) >= 0) {
                total += read;
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("{} {}: the unread request body could not be read: {}", ctx.method(), ctx.path(), e.toString());
        }
    }

    /** What the log gets beyond the client's detail: the upstream or library message the detail leaves out. */
    private static String logNote(Exception cause) {
        if (cause instanceof BillingException be && fromUpstream(be)) {
            return " (upstream: " + LogText.safe(be.getMessage()) + ")";
        }
        if (cause instanceof ApiProblem problem && problem.logNote().isPresent()) {
            return " (" + LogText.safe(problem.logNote().get()) + ")";
        }
        if (cause instanceof JsonProcessingException jpe) {
            return " (" + LogText.safe(jpe.getOriginalMessage()) + ")";
        }
        return "";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private String write(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }

    private static String titleOf(int status) {
        io.javalin.http.HttpStatus known = io.javalin.http.HttpStatus.forStatus(status);
        return known == io.javalin.http.HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
    }
}

package io.billkit.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Jetty's error handler for the answers Jetty gives itself, before any route runs: a request target over the
 * header buffer (414), headers too large (431), a malformed request line, header, {@code Content-Length} or URI
 * encoding ({@code %00}, {@code %FF}, overlong UTF-8: 400). They get the same {@code application/problem+json}
 * body as every other failure ({@link Problem}, with an {@code errorId} that is logged with Jetty's own reason);
 * Jetty's reason itself is not shown to the client.
 */
final class ServerErrorHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ServerErrorHandler.class);

    private final ObjectMapper mapper;

    ServerErrorHandler(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String path;
        try {
            path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            if ("/badMessage".equals(path)) { // Jetty's stand-in when the request line itself was refused
                path = null;
            }
        } catch (RuntimeException e) {
            path = null;
        }
        String requestId = UUID.randomUUID().toString();
        byte[] body = problem(code, message, path, requestId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Used by Jetty when the request could not even be parsed into a request (no handler chain runs). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(problem(status, reason, null, requestId));
    }

    private byte[] problem(int status, String reason, String path, String requestId) {
        String errorId = UUID.randomUUID().toString();
        log.info("the server answered {} before routing{}: {} [errorId={}]", status,
                path == null ? "" : " for " + LogText.safe(path), LogText.safe(String.valueOf(reason)), errorId);
        Problem problem = new Problem(Problem.TYPE_BASE + slug(status), title(status), status, detail(status),
                path == null ? null : LogText.preview(path), errorId, requestId, null);
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"type\":\"" + Problem.TYPE_BASE + "http-" + status + "\",\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 500 -> "internal-error";
            default -> "http-" + status;
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 414 -> "Request target too long";
            case 431 -> "Request headers too large";
            default -> {
                io.javalin.http.HttpStatus known = io.javalin.http.HttpStatus.forStatus(status);
                yield known == io.javalin.http.HttpStatus.UNKNOWN ? "HTTP " + status : known.getMessage();
            }
        };
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP: a malformed request line, header or Content-Length, or a path"
                    + " with an invalid or ambiguous encoding (%00, bytes that are not UTF-8, encoded separators)";
            case 414 -> "the request target (path and query) is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts";
            case 413 -> "the request is larger than the server accepts";
            default -> status >= 500 ? "the server failed to answer; quote the errorId when reporting it"
                    : "the server refused the request";
        };
    }
}

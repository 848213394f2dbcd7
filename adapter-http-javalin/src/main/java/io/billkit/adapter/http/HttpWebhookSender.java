package io.billkit.adapter.http;

import io.billkit.application.port.out.WebhookSender;
import io.billkit.application.tracing.TraceContext;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * {@link WebhookSender} on {@link java.net.http.HttpClient}: POSTs {@code application/json} (UTF-8) with a
 * 5 s connect and a 10 s request timeout, does not follow redirects (a 3xx counts as a failed attempt) and
 * discards the response body. When the calling thread runs in a trace ({@link TraceContext#current()}: an HTTP
 * request, a scheduler run) the POST carries its {@code traceparent}. Thread-safe; create one per application.
 */
public final class HttpWebhookSender implements WebhookSender {
    /** Connect timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Timeout for the whole request, answer included. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Duration requestTimeout;

    /** With {@link #CONNECT_TIMEOUT} and {@link #REQUEST_TIMEOUT}. */
    public HttpWebhookSender() {
        this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    /** With other timeouts (both positive). */
    public HttpWebhookSender(Duration connectTimeout, Duration requestTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("webhook timeouts must be positive");
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public int post(String url, String body, Map<String, String> headers) throws IOException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(headers, "headers");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "BillKit-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch(TraceContext.HEADER::equalsIgnoreCase)) {
            TraceContext.current().ifPresent(trace -> request.header(TraceContext.HEADER, trace.traceparent()));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a webhook to " + url);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot send a webhook to " + url + ": " + e.getMessage(), e);
        }
    }
}

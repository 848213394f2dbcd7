package io.billkit.application.inmemory;

import io.billkit.application.port.out.WebhookSender;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link WebhookSender} that sends nothing: it records every request and answers with the scripted status
 * codes ({@link #answer}, {@link #failNetwork}) in order, then 200. Thread-safe.
 */
public final class RecordingWebhookSender implements WebhookSender {
    /** A recorded POST. */
    public record SentWebhook(String url, String body, Map<String, String> headers) {
        public SentWebhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        }
    }

    private static final int NETWORK_ERROR = -1;

    private final List<SentWebhook> sent = new ArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();

    @Override
    public synchronized int post(String url, String body, Map<String, String> headers) throws IOException {
        sent.add(new SentWebhook(url, body, headers));
        Integer next = script.poll();
        if (next == null) {
            return 200;
        }
        if (next == NETWORK_ERROR) {
            throw new ConnectException("connection refused (scripted)");
        }
        return next;
    }

    /** The next requests answer with these status codes, in order. */
    public synchronized RecordingWebhookSender answer(int... statusCodes) {
        for (int code : statusCodes) {
            script.add(code);
        }
        return this;
    }

    /** The next request fails with a network error. */
    public synchronized RecordingWebhookSender failNetwork() {
        script.add(NETWORK_ERROR);
        return this;
    }

    /** Every request so far, oldest first. */
    public synchronized List<SentWebhook> sent() {
        return List.copyOf(sent);
    }
}

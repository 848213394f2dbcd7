package io.billkit.application.port.out;

import java.io.IOException;
import java.util.Map;

/** POSTs a webhook over the network. */
public interface WebhookSender {

    /**
     * POSTs {@code body} (JSON, UTF-8) to {@code url} with {@code headers}; returns the HTTP status code
     * whatever it is. Throws when no answer came (connection refused, timeout, ...).
     */
    int post(String url, String body, Map<String, String> headers) throws IOException;
}

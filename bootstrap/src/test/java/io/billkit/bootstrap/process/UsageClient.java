package io.billkit.bootstrap.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends usage batches ({@code POST /api/v1/usage/events}) to a running service with an API key, over
 * {@code java.net.http}. One instance may be shared by threads.
 */
public final class UsageClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration requestTimeout;

    public UsageClient(Duration requestTimeout) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** What one batch got: the HTTP status (or empty when no answer came) and each event's status by id. */
    public record BatchAnswer(Optional<Integer> status, Map<String, String> eventStatuses, String body,
                              Optional<String> failure) {
        /** Whether the server answered at all. */
        public boolean answered() {
            return status.isPresent();
        }

        public boolean is2xx() {
            return status.filter(s -> s >= 200 && s < 300).isPresent();
        }

        /** Events answered ACCEPTED or DUPLICATE: recorded for good. */
        public List<String> acknowledged() {
            return eventStatuses.entrySet().stream()
                    .filter(e -> e.getValue().equals("ACCEPTED") || e.getValue().equals("DUPLICATE"))
                    .map(Map.Entry::getKey).toList();
        }

        /** The header-less view for messages. */
        @Override
        public String toString() {
            return status.map(String::valueOf).orElse("no answer (" + failure.orElse("?") + ")")
                    + (body.length() > 300 ? " " + body.substring(0, 300) + "..." : " " + body);
        }
    }

    /** Posts events {@code ids} of {@code meter}, each with {@code quantity}, for the key's customer. */
    public BatchAnswer send(URI base, String apiKey, String meter, List<String> ids, long quantity) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"eventId\":\"").append(ids.get(i)).append("\",\"meter\":\"").append(meter)
                    .append("\",\"quantity\":\"").append(quantity).append("\"}");
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/usage/events"))
                .timeout(requestTimeout)
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> statuses = new LinkedHashMap<>();
            if (response.statusCode() / 100 == 2) {
                JsonNode results = JSON.readTree(response.body()).path("results");
                for (JsonNode r : results) {
                    statuses.put(r.path("eventId").asText(), r.path("status").asText());
                }
            }
            return new BatchAnswer(Optional.of(response.statusCode()), statuses, response.body(), Optional.empty());
        } catch (IOException e) {
            return new BatchAnswer(Optional.empty(), Map.of(), "", Optional.of(e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BatchAnswer(Optional.empty(), Map.of(), "", Optional.of("interrupted"));
        }
    }
}

package io.billkit.adapter.http;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Objects;

/**
 * An RFC 9457 problem document ({@code application/problem+json}). {@code type} is a stable URI under
 * {@link #TYPE_BASE}; {@code errorId} identifies this occurrence in the logs; {@code field} names the
 * offending input field for validation errors (JSON path such as {@code items[2].quantity}), else absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance, String errorId,
               String requestId, String field) {
    static final String TYPE_BASE = "https://billkit.io/problems/";
    static final String CONTENT_TYPE = "application/problem+json";

    Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(errorId, "errorId");
    }
}

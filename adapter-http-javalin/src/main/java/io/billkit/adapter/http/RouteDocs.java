package io.billkit.adapter.http;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the OpenAPI document says about a route beyond its method, path and access: the request body's record type,
 * each answer's status with its body type or media type, the query and header parameters, and whether the route
 * keeps its own idempotency (instead of {@link IdempotentRequests}).
 *
 * @param requestBody      the record the handler reads from a JSON body; empty when it reads none
 * @param requestRequired  whether the body is required (an empty body is a 400)
 * @param responses        status to answer, in declaration order
 * @param parameters       query and header parameters
 * @param ownIdempotency   the route handles {@code Idempotency-Key} itself
 */
record RouteDocs(Optional<Type> requestBody, boolean requestRequired, Map<Integer, Answer> responses,
                 List<Param> parameters, boolean ownIdempotency) {
    RouteDocs {
        Objects.requireNonNull(requestBody, "requestBody");
        responses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(responses));
        parameters = List.copyOf(parameters);
    }

    static RouteDocs none() {
        return new RouteDocs(Optional.empty(), false, Map.of(), List.of(), false);
    }

    /**
     * One answer of a route.
     *
     * @param description for humans
     * @param body        the JSON body's type; empty for no body or a non-JSON body
     * @param mediaType   the body's media type ({@code application/json}, {@code application/pdf}, ...); empty
     *                    when the answer has no body
     */
    record Answer(String description, Optional<Type> body, Optional<String> mediaType) {
        Answer {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(mediaType, "mediaType");
        }
    }

    /** Where a parameter goes. */
    enum In { QUERY, HEADER }

    /**
     * @param schemaType JSON Schema type: {@code string}, {@code integer}, {@code boolean}
     * @param format     JSON Schema format ({@code date}, {@code date-time}) or empty
     * @param enumValues allowed values, empty for any
     */
    record Param(String name, In in, boolean required, String description, String schemaType, Optional<String> format,
                 List<String> enumValues, Optional<Integer> minimum, Optional<Integer> maximum) {
        Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(schemaType, "schemaType");
            Objects.requireNonNull(format, "format");
            enumValues = List.copyOf(enumValues);
            Objects.requireNonNull(minimum, "minimum");
            Objects.requireNonNull(maximum, "maximum");
        }

        Param asRequired() {
            return new Param(name, in, true, description, schemaType, format, enumValues, minimum, maximum);
        }

        /** For a string: its longest length (kept in {@code maximum}). */
        Param withMaxLength(int length) {
            return new Param(name, in, required, description, schemaType, format, enumValues, minimum,
                    Optional.of(length));
        }
    }

    RouteDocs withRequest(Type type, boolean required) {
        return new RouteDocs(Optional.of(type), required, responses, parameters, ownIdempotency);
    }

    RouteDocs withAnswer(int status, Answer answer) {
        Map<Integer, Answer> copy = new LinkedHashMap<>(responses);
        copy.put(status, answer);
        return new RouteDocs(requestBody, requestRequired, copy, parameters, ownIdempotency);
    }

    RouteDocs withParam(Param param) {
        List<Param> copy = new ArrayList<>(parameters);
        copy.removeIf(p -> p.name().equalsIgnoreCase(param.name()) && p.in() == param.in());
        copy.add(param);
        return new RouteDocs(requestBody, requestRequired, responses, copy, ownIdempotency);
    }

    RouteDocs withOwnIdempotency() {
        return new RouteDocs(requestBody, requestRequired, responses, parameters, true);
    }
}

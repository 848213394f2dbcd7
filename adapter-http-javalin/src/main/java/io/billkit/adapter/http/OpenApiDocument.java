package io.billkit.adapter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an OpenAPI 3.1 document (as plain maps, serialized by Jackson) from the {@link RouteSpec}s of the
 * {@link RouteRegistry}: one operation per route with its summary, tag, security requirement, path
 * parameters, the problem responses its access level can produce and the bounds of its body's text fields
 * ({@code x-billkit-text-bounds}, from {@link TextBounds}).
 */
final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

    private OpenApiDocument() {
    }

    static Map<String, Object> build(HttpConfig.ServiceInfo info, List<RouteSpec> specs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", info.name() + " API", "version", info.version()));
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (RouteSpec spec : specs) {
            paths.computeIfAbsent(openApiPath(spec.path()), p -> new LinkedHashMap<>())
                    .put(spec.method().name().toLowerCase(Locale.ROOT), operation(spec));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "securitySchemes", securitySchemes(),
                "schemas", Map.of("Problem", problemSchema())));
        return doc;
    }

    /** Javalin's {@code <param>} becomes OpenAPI's {@code {param}}. */
    static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>/]+)>", "{$1}");
    }

    private static Map<String, Object> operation(RouteSpec spec) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(spec));
        op.put("summary", spec.summary());
        op.put("tags", List.of(spec.group()));
        op.put("security", security(spec.access()));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(spec.path());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        op.put("x-billkit-access", spec.access().name().toLowerCase(Locale.ROOT));
        TextBounds.forOperation(spec.method().name() + " " + spec.path())
                .ifPresent(bounds -> op.put("x-billkit-text-bounds", bounds));
        op.put("responses", responses(spec));
        return op;
    }

    private static List<Map<String, List<String>>> security(Access access) {
        return switch (access) {
            case PUBLIC -> List.of();
            case MEMBER, ADMIN -> List.of(Map.of("bearerAuth", List.of()), Map.of("sessionCookie", List.of()));
            case API_KEY -> List.of(Map.of("apiKey", List.of()));
        };
    }

    private static Map<String, Object> responses(RouteSpec spec) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "OK"));
        if (spec.access() != Access.PUBLIC) {
            responses.put("401", problem("Missing or invalid credentials"));
            responses.put("403", problem("Not allowed (role, customer scope or CSRF)"));
            responses.put("429", problem("Rate limit reached; see Retry-After"));
        }
        if (TextBounds.forOperation(spec.method().name() + " " + spec.path()).isPresent()) {
            responses.put("400", problem("Invalid body: a field is missing, malformed, not UTF-8 or longer than its bound "
                    + "(x-billkit-text-bounds; every string at most " + TextBounds.ANY_STRING + " characters)"));
        }
        if (BillingGate.isBillingPath(spec.path())) {
            responses.put("503", problem("Billing is disabled on this deployment"));
        }
        responses.put("default", problem("Error (RFC 9457 problem)"));
        return responses;
    }

    private static Map<String, Object> problem(String description) {
        return Map.of("description", description, "content",
                Map.of(Problem.CONTENT_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
    }

    private static Map<String, Object> securitySchemes() {
        return Map.of(
                "bearerAuth", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                "sessionCookie", Map.of("type", "apiKey", "in", "cookie", "name", SessionTokens.SESSION_COOKIE),
                "apiKey", Map.of("type", "apiKey", "in", "header", "name", ApiKeyAuthenticator.HEADER));
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", Map.of("type", "string", "format", "uri"));
        properties.put("title", Map.of("type", "string"));
        properties.put("status", Map.of("type", "integer"));
        properties.put("detail", Map.of("type", "string"));
        properties.put("instance", Map.of("type", "string"));
        properties.put("errorId", Map.of("type", "string", "format", "uuid"));
        properties.put("requestId", Map.of("type", "string"));
        properties.put("field", Map.of("type", "string"));
        return Map.of("type", "object", "required", List.of("type", "title", "status", "detail", "errorId"),
                "properties", properties);
    }

    private static String operationId(RouteSpec spec) {
        StringBuilder id = new StringBuilder(spec.method().name().toLowerCase(Locale.ROOT));
        for (String part : spec.path().replace("/api/v1/", "").split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}

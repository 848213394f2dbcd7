package io.billkit.adapter.http;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import io.javalin.http.HandlerType;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.1 document from the {@link RouteSpec}s of the {@link RouteRegistry}: one operation per route
 * with its summary, tag, security, path, query and header parameters, request body and answers. The JSON Schemas
 * of bodies are generated (victools jsonschema-generator, JSON Schema 2020-12 as OpenAPI 3.1 uses) from the very
 * request and response records the handlers read and write, with {@link Json}'s conventions: decimals and ids are
 * strings, money is {@code {"amount","currency"}}, instants are {@code date-time}, absent optionals are left out
 * (so only non-optional fields of answers are {@code required}). Every route also lists the problem answers
 * (RFC 9457, {@code application/problem+json}) its access level, body and idempotency can produce, and the
 * bounds of its body's text fields ({@code x-billkit-text-bounds}, from {@link TextBounds}).
 */
final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");
    static final String DECIMAL_PATTERN = "^-?[0-9]+(\\.[0-9]+)?$";
    private static final Set<Class<?>> STRING_IDS = Set.of(CustomerId.class, InvoiceId.class, SubscriptionId.class,
            MeterKey.class, PlanCode.class);

    private OpenApiDocument() {
    }

    static Map<String, Object> build(HttpConfig.ServiceInfo info, List<RouteSpec> specs) {
        SchemaBuilder schemas = schemaGenerator().buildMultipleSchemaDefinitions();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        Map<String, Object> infoNode = new LinkedHashMap<>();
        infoNode.put("title", info.name() + " API");
        infoNode.put("version", info.version());
        infoNode.put("summary", "Usage-based billing: metering, quotas, credits, subscriptions, invoices, reconciliation");
        infoNode.put("description", "Money is {\"amount\":\"12.50\",\"currency\":\"USD\"}, decimals and ids are "
                + "JSON strings, instants ISO-8601 UTC. Every error is an RFC 9457 problem (application/problem+json). "
                + "State-changing POSTs accept an Idempotency-Key header: the first answer is replayed for 24 h to "
                + "retries with the same key and body (header Idempotent-Replayed: true); the same key with another "
                + "body, or while the first request runs, is 409.");
        infoNode.put("license", Map.of("name", "Apache-2.0", "identifier", "Apache-2.0"));
        doc.put("info", infoNode);
        doc.put("servers", List.of(Map.of("url", "/", "description", "this BillKit service")));
        Map<String, Map<String, Object>> paths = new LinkedHashMap<>();
        for (RouteSpec spec : specs) {
            paths.computeIfAbsent(openApiPath(spec.path()), p -> new LinkedHashMap<>())
                    .put(spec.method().name().toLowerCase(Locale.ROOT), operation(spec, schemas));
        }
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("securitySchemes", securitySchemes());
        // collectDefinitions fills in every reference handed out above, so it comes last
        ObjectNode definitions = schemas.collectDefinitions("components/schemas");
        components.put("schemas", new TreeMap<>(toMap(definitions)));
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> toMap(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /** Javalin's {@code <param>} becomes OpenAPI's {@code {param}}. */
    static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>/]+)>", "{$1}");
    }

    private static Map<String, Object> operation(RouteSpec spec, SchemaBuilder schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(spec));
        op.put("summary", spec.summary());
        op.put("tags", List.of(spec.group()));
        op.put("security", security(spec.access()));
        List<Map<String, Object>> parameters = parameters(spec);
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        spec.docs().requestBody().ifPresent(type -> op.put("requestBody", Map.of(
                "required", spec.docs().requestRequired(),
                "content", Map.of("application/json", Map.of("schema", schemas.createSchemaReference(type))))));
        op.put("x-billkit-access", spec.access().name().toLowerCase(Locale.ROOT));
        TextBounds.forOperation(spec.method().name() + " " + spec.path())
                .ifPresent(bounds -> op.put("x-billkit-text-bounds", bounds));
        op.put("responses", responses(spec, schemas));
        return op;
    }

    private static List<Map<String, Object>> parameters(RouteSpec spec) {
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(spec.path());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        List<RouteDocs.Param> declared = new ArrayList<>(spec.docs().parameters());
        if (spec.access() == Access.MEMBER && spec.path().startsWith("/api/v1/billing/")
                && declared.stream().noneMatch(p -> p.name().equals(Callers.CUSTOMER_PARAM))) {
            declared.add(Params.query(Callers.CUSTOMER_PARAM, "Act for this customer: admins any, members only "
                    + "their own (default: the session's customer)"));
        }
        if (spec.genericIdempotency()) {
            declared.add(Params.header(IdempotentRequests.HEADER, "Client key (1.." + IdempotentRequests.MAX_KEY_LENGTH
                    + " visible ASCII characters, e.g. a UUID): the first answer is replayed for 24 h to retries with "
                    + "the same key and body; another body with the key, or a retry while it runs, is 409")
                    .withMaxLength(IdempotentRequests.MAX_KEY_LENGTH));
        }
        declared.add(Params.header(RequestIds.HEADER, "Request id echoed in the answer and in the logs "
                + "(1..128 of [A-Za-z0-9._:-]; a new UUID otherwise)"));
        for (RouteDocs.Param p : declared) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", p.schemaType());
            p.format().ifPresent(f -> schema.put("format", f));
            if (!p.enumValues().isEmpty()) {
                schema.put("enum", p.enumValues());
            }
            p.minimum().ifPresent(min -> schema.put("minimum", min));
            p.maximum().ifPresent(max -> schema.put(p.schemaType().equals("string") ? "maxLength" : "maximum", max));
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", p.name());
            param.put("in", p.in().name().toLowerCase(Locale.ROOT));
            param.put("required", p.required());
            param.put("description", p.description());
            param.put("schema", schema);
            parameters.add(param);
        }
        return parameters;
    }

    private static List<Map<String, List<String>>> security(Access access) {
        return switch (access) {
            case PUBLIC -> List.of();
            case MEMBER, ADMIN -> List.of(Map.of("bearerAuth", List.of()), Map.of("sessionCookie", List.of()));
            case API_KEY -> List.of(Map.of("apiKey", List.of()));
        };
    }

    private static Map<String, Object> responses(RouteSpec spec, SchemaBuilder schemas) {
        Map<String, Object> responses = new TreeMap<>();
        RouteDocs docs = spec.docs();
        if (docs.responses().keySet().stream().noneMatch(s -> s >= 200 && s < 300)) {
            responses.put("200", Map.of("description", "OK"));
        }
        docs.responses().forEach((status, answer) -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", answer.description());
            answer.mediaType().ifPresent(media -> {
                Object schema = answer.body().<Object>map(schemas::createSchemaReference)
                        .orElseGet(() -> Map.of("type", "string", "contentMediaType", media));
                response.put("content", Map.of(media, Map.of("schema", schema)));
            });
            responses.put(Integer.toString(status), response);
        });
        boolean readsInput = docs.requestBody().isPresent() || !docs.parameters().isEmpty()
                || spec.path().contains("{") || spec.method() != HandlerType.GET
                || (spec.access() == Access.MEMBER && spec.path().startsWith("/api/v1/billing/"));
        if (TextBounds.forOperation(spec.method().name() + " " + spec.path()).isPresent()) {
            responses.put("400", problem(schemas, "Invalid body: a field is missing, malformed, not UTF-8 or longer "
                    + "than its bound (x-billkit-text-bounds; every string at most " + TextBounds.ANY_STRING
                    + " characters)"));
        }
        if (readsInput) {
            responses.putIfAbsent("400", problem(schemas, "Invalid input; field names the offending parameter or "
                    + "JSON path"));
        }
        if (spec.access() != Access.PUBLIC) {
            responses.putIfAbsent("401", problem(schemas, "Missing or invalid credentials"));
            responses.putIfAbsent("403", problem(schemas, "Not allowed (role, customer scope or CSRF)"));
            Map<String, Object> limited = new LinkedHashMap<>(problem(schemas, "Rate limit reached; retry after "
                    + "Retry-After seconds"));
            limited.put("headers", Map.of("Retry-After", Map.of("description", "seconds to wait",
                    "schema", Map.of("type", "integer"))));
            responses.putIfAbsent("429", limited);
        }
        if (spec.genericIdempotency()) {
            responses.putIfAbsent("409", problem(schemas, "Idempotency-Key reused with another request "
                    + "(idempotency-key-reused), or its first request still runs (idempotency-key-in-use), or the "
                    + "change clashes with the current state"));
        }
        if (spec.method() != HandlerType.GET && spec.method() != HandlerType.DELETE) {
            responses.putIfAbsent("413", problem(schemas, "Request body larger than the limit"));
        }
        if (BillingGate.isBillingPath(spec.path())) {
            responses.putIfAbsent("503", problem(schemas, "Billing is disabled on this deployment, or the database "
                    + "is unreachable (Retry-After)"));
        } else {
            responses.putIfAbsent("503", problem(schemas, "The service cannot serve now (database unreachable); "
                    + "see Retry-After"));
        }
        responses.put("default", problem(schemas, "Unexpected error (RFC 9457 problem)"));
        return responses;
    }

    private static Map<String, Object> problem(SchemaBuilder schemas, String description) {
        return Map.of("description", description, "content",
                Map.of(Problem.CONTENT_TYPE, Map.of("schema", schemas.createSchemaReference(Problem.class))));
    }

    private static Map<String, Object> securitySchemes() {
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("bearerAuth", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT",
                "description", "Session token (JWT) of a member or admin"));
        schemes.put("sessionCookie", Map.of("type", "apiKey", "in", "cookie", "name", SessionTokens.SESSION_COOKIE,
                "description", "Browser session set by POST /api/v1/session; unsafe methods also need the "
                        + SessionTokens.CSRF_HEADER + " header equal to the " + SessionTokens.CSRF_COOKIE + " cookie"));
        schemes.put("apiKey", Map.of("type", "apiKey", "in", "header", "name", ApiKeyAuthenticator.HEADER,
                "description", "Machine-to-machine key of a customer or service-wide (usage and quota routes)"));
        return schemes;
    }

    private static String operationId(RouteSpec spec) {
        StringBuilder id = new StringBuilder(spec.method().name().toLowerCase(Locale.ROOT));
        if (!spec.path().startsWith("/api/v1/")) {
            id.append("Root"); // outside the API's prefix (GET /metrics beside GET /api/v1/metrics)
        }
        for (String part : spec.path().replace("/api/v1/", "").split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }

    // ---- JSON Schemas from records

    private static SchemaGenerator schemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.EXTRA_OPEN_API_FORMAT_VALUES,
                        Option.PLAIN_DEFINITION_KEYS)
                .without(Option.SCHEMA_VERSION_INDICATOR, Option.FLATTENED_OPTIONALS, Option.SIMPLIFIED_OPTIONALS);
        config.forTypesInGeneral()
                .withCustomDefinitionProvider(OpenApiDocument::customDefinition)
                .withDefinitionNamingStrategy((key, context) -> key.getType().getErasedType().getSimpleName());
        // an empty Optional is left out of the JSON, never written as null
        config.forFields().withRequiredCheck(OpenApiDocument::required).withNullableCheck(field -> false)
                .withTargetTypeOverridesResolver(field -> field.getType().isInstanceOf(Optional.class)
                        ? List.of(field.getTypeParameterFor(Optional.class, 0)) : null);
        return new SchemaGenerator(config.build());
    }

    /**
     * A field of an answer is always present unless it is an {@code Optional} (left out when empty) or a nullable
     * problem member; request fields are checked by the handlers (with a 400 naming them) and are documented as
     * optional here.
     */
    private static boolean required(FieldScope field) {
        Class<?> owner = field.getDeclaringType().getErasedType();
        if (owner.getSimpleName().endsWith("Request") || owner == Problem.class && !Set.of("type", "title",
                "status", "detail", "errorId").contains(field.getName())) {
            return false;
        }
        return !Optional.class.isAssignableFrom(field.getRawMember().getType());
    }

    private static CustomDefinition customDefinition(ResolvedType type, SchemaGenerationContext context) {
        Class<?> raw = type.getErasedType();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (raw == BigDecimal.class) {
            node.put("type", "string").put("pattern", DECIMAL_PATTERN)
                    .put("description", "decimal in plain notation (input also accepts a JSON number)");
            return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
        }
        if (STRING_IDS.contains(raw)) {
            node.put("type", "string");
            return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
        }
        if (Map.class.isAssignableFrom(raw) && type.getTypeParameters().size() == 2) {
            node.put("type", "object");
            node.set("additionalProperties", context.createDefinitionReference(type.getTypeParameters().get(1)));
            return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
        }
        if (raw == Money.class) {
            node.put("type", "object").put("description", "an amount of money in one currency");
            ObjectNode properties = node.putObject("properties");
            properties.putObject("amount").put("type", "string").put("pattern", DECIMAL_PATTERN)
                    .put("description", "decimal amount in plain notation, e.g. \"1250.00\"");
            properties.putObject("currency").put("type", "string").put("pattern", "^[A-Z]{3}$")
                    .put("description", "ISO 4217 code, e.g. \"USD\"");
            node.putArray("required").add("amount").add("currency");
            node.put("additionalProperties", false);
            return new CustomDefinition(node, CustomDefinition.DefinitionType.ALWAYS_REF,
                    CustomDefinition.AttributeInclusion.NO);
        }
        return null;
    }

    /** Query and header parameter declarations for {@link RouteRegistry#param}. */
    static final class Params {
        private Params() {
        }

        static RouteDocs.Param query(String name, String description) {
            return new RouteDocs.Param(name, RouteDocs.In.QUERY, false, description, "string", Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty());
        }

        static RouteDocs.Param header(String name, String description) {
            return new RouteDocs.Param(name, RouteDocs.In.HEADER, false, description, "string", Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty());
        }

        static RouteDocs.Param integer(String name, String description, int min, int max) {
            return new RouteDocs.Param(name, RouteDocs.In.QUERY, false, description, "integer", Optional.empty(),
                    List.of(), Optional.of(min), Optional.of(max));
        }

        static RouteDocs.Param date(String name, String description) {
            return new RouteDocs.Param(name, RouteDocs.In.QUERY, false, description, "string", Optional.of("date"),
                    List.of(), Optional.empty(), Optional.empty());
        }

        static <E extends Enum<E>> RouteDocs.Param enumValue(String name, String description, Class<E> type) {
            return new RouteDocs.Param(name, RouteDocs.In.QUERY, false, description, "string", Optional.empty(),
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(), Optional.empty(),
                    Optional.empty());
        }
    }
}

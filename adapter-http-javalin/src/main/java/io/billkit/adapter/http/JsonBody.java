package io.billkit.adapter.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.billkit.domain.BillingException;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads request bodies into command/request records, turning every Jackson failure into a 400 problem that
 * names the field ({@code items[2].quantity}) and what was wrong, and a failed record invariant
 * ({@link BillingException} from a compact constructor) into a 400 naming the field it was found at.
 */
final class JsonBody {
    private final ObjectMapper mapper;

    JsonBody(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * The body as a {@code type}, never null: an empty body and the literal {@code null} are 400s too. The body
     * size limit applies (413). The bytes are decoded as strict UTF-8 first ({@link StrictUtf8}): malformed
     * input is a 400 {@code invalid-encoding}, never replaced.
     */
    <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiProblem.malformedJson("the request body is empty; a JSON object is expected", Optional.empty());
        }
        String text = StrictUtf8.decode(body, "request body");
        T value;
        try {
            value = mapper.readValue(text, type);
        } catch (java.io.IOException e) {
            throw toProblem(e);
        }
        if (value == null) {
            throw ApiProblem.malformedJson("the request body is the JSON literal null; a JSON object is expected",
                    Optional.empty());
        }
        return value;
    }

    /** The body as a {@code type}, or {@code whenEmpty} when the request has no body (optional bodies). */
    <T> T readOr(Context ctx, Class<T> type, Supplier<T> whenEmpty) {
        if (ctx.bodyAsBytes().length == 0) {
            return whenEmpty.get();
        }
        return read(ctx, type);
    }

    /** {@code value}, or a 400 naming {@code field} when it is missing. */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiProblem.invalidField(field, field + " is required");
        }
        return value;
    }

    /** {@code value}, or a 400 naming {@code field} when it is missing or blank. */
    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalidField(field, field + " is required and must not be blank");
        }
        return value;
    }

    static ApiProblem toProblem(java.io.IOException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof BillingException be) {
            return ApiProblem.invalidField(pathOf(vie).orElse("body"), be.getMessage());
        }
        if (e instanceof Json.TextTooLongException tooLong) {
            return TextBounds.tooLong(pathOf(tooLong).orElse("body"), tooLong.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException upe) {
            String field = pathOf(upe).orElse(upe.getPropertyName());
            return ApiProblem.malformedJson("unknown property '" + LogText.preview(upe.getPropertyName()) + "'",
                    Optional.of(field));
        }
        if (e instanceof InvalidFormatException ife) {
            return ApiProblem.malformedJson("cannot read " + describe(ife.getValue()) + ": "
                    + scrub(firstLine(ife.getOriginalMessage())), pathOf(ife));
        }
        if (e instanceof MismatchedInputException mie) {
            String expected = mie.getTargetType() == null ? "" : "; expected " + friendly(mie.getTargetType().getName());
            return ApiProblem.malformedJson("wrong or missing value: " + scrub(firstLine(mie.getOriginalMessage()))
                    + expected, pathOf(mie));
        }
        if (e instanceof JsonParseException jpe) {
            return ApiProblem.malformedJson("not valid JSON at line " + jpe.getLocation().getLineNr() + ", column "
                    + jpe.getLocation().getColumnNr() + ": " + scrub(firstLine(jpe.getOriginalMessage())), Optional.empty());
        }
        if (e instanceof JsonProcessingException jpe) {
            return ApiProblem.malformedJson(scrub(firstLine(jpe.getOriginalMessage())),
                    e instanceof JsonMappingException jme ? pathOf(jme) : Optional.empty());
        }
        return ApiProblem.malformedJson("the request body could not be read", Optional.empty());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.split("\n")[0];
    }

    private static final java.util.regex.Pattern EXCEPTION_IN_PARENS =
            java.util.regex.Pattern.compile("\\((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*\\)\\s*");
    private static final java.util.regex.Pattern BACKTICKED = java.util.regex.Pattern.compile("`([^`]*)`");
    private static final java.util.regex.Pattern QUALIFIED =
            java.util.regex.Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:<[^>]*>)?");

    /**
     * Jackson's message without Java: class names ({@code `java.math.BigDecimal`}, {@code io.billkit...Request},
     * {@code (java.time.format.DateTimeParseException)}) become what a JSON client knows ("a decimal number",
     * "an object") or go, so a problem never shows the server's internals. The original goes to the log.
     */
    static String scrub(String message) {
        String text = EXCEPTION_IN_PARENS.matcher(message).replaceAll("");
        text = BACKTICKED.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(friendly(m.group(1))));
        text = QUALIFIED.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(friendly(m.group())));
        return LogText.safe(text);
    }

    /** A Java type as a JSON client would call it. */
    static String friendly(String javaType) {
        String raw = javaType.contains("<") ? javaType.substring(0, javaType.indexOf('<')) : javaType;
        String simple = raw.substring(Math.max(raw.lastIndexOf('.'), raw.lastIndexOf('$')) + 1);
        return switch (simple) {
            case "BigDecimal", "BigInteger", "Double", "double", "Float", "float" -> "a decimal number";
            case "Integer", "int", "Long", "long", "Short", "short" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "String", "char", "Character" -> "a string";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "an ISO-8601 timestamp such as 2026-03-01T00:00:00Z";
            case "LocalDate" -> "a date such as 2026-03-01";
            case "List", "ArrayList", "Set", "HashSet", "Collection" -> "an array";
            case "Map", "HashMap", "LinkedHashMap" -> "an object";
            case "CustomerId" -> "a customer id";
            case "InvoiceId" -> "an invoice id";
            case "SubscriptionId" -> "a subscription id";
            case "MeterKey" -> "a meter key";
            case "PlanCode" -> "a plan code";
            case "Money" -> "a money object {\"amount\",\"currency\"}";
            case "Optional" -> "a value";
            default -> simple.endsWith("Request") || simple.endsWith("Body") ? "an object" : "a value";
        };
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + LogText.preview(String.valueOf(value)) + "'";
    }

    /** Jackson's reference path as {@code a.b[2].c}; empty at the root. */
    static Optional<String> pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path.toString());
    }
}

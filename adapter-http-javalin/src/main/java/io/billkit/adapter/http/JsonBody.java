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
        if (e instanceof UnrecognizedPropertyException upe) {
            String field = pathOf(upe).orElse(upe.getPropertyName());
            return ApiProblem.malformedJson("unknown property '" + upe.getPropertyName() + "'", Optional.of(field));
        }
        if (e instanceof InvalidFormatException ife) {
            return ApiProblem.malformedJson("cannot read " + describe(ife.getValue()) + ": "
                    + ife.getOriginalMessage().split("\n")[0], pathOf(ife));
        }
        if (e instanceof MismatchedInputException mie) {
            return ApiProblem.malformedJson("wrong or missing value: " + mie.getOriginalMessage().split("\n")[0],
                    pathOf(mie));
        }
        if (e instanceof JsonParseException jpe) {
            return ApiProblem.malformedJson("not valid JSON at line " + jpe.getLocation().getLineNr() + ", column "
                    + jpe.getLocation().getColumnNr() + ": " + jpe.getOriginalMessage().split("\n")[0], Optional.empty());
        }
        if (e instanceof JsonProcessingException jpe) {
            return ApiProblem.malformedJson(jpe.getOriginalMessage().split("\n")[0],
                    e instanceof JsonMappingException jme ? pathOf(jme) : Optional.empty());
        }
        return ApiProblem.malformedJson("the request body could not be read", Optional.empty());
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
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

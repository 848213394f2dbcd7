package io.billkit.adapter.http;

import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads query parameters; a malformed or out-of-range value is a 400 problem whose {@code field} is the
 * parameter's name. Blank values count as absent.
 */
final class QueryParams {
    private QueryParams() {
    }

    static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A whole number in {@code min..max}, or {@code fallback} when absent. */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        Optional<String> value = text(ctx, name);
        if (value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(name, name + " must be a whole number but was '" + value.get() + "'");
        }
        if (parsed < min || parsed > max) {
            throw ApiProblem.invalidField(name, name + " must be in " + min + ".." + max + " but was " + parsed);
        }
        return parsed;
    }

    /** Earliest date a query may name. */
    static final LocalDate MIN_DATE = LocalDate.of(1970, 1, 1);
    /** Latest date a query may name: far enough from {@link LocalDate#MAX} that routes can add days to it. */
    static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

    /** An ISO date ({@code 2026-11-01}) in {@link #MIN_DATE}..{@link #MAX_DATE}. */
    static Optional<LocalDate> date(Context ctx, String name) {
        return text(ctx, name).map(value -> {
            LocalDate date;
            try {
                date = LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField(name, name + " must be a date like 2026-11-01 but was '" + value + "'");
            }
            if (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE)) {
                throw ApiProblem.invalidField(name, name + " must be in " + MIN_DATE + ".." + MAX_DATE + " but was "
                        + date);
            }
            return date;
        });
    }

    /** One of {@code type}'s constants, case-insensitive. */
    static <E extends Enum<E>> Optional<E> enumValue(Context ctx, String name, Class<E> type) {
        return text(ctx, name).map(value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField(name, name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                        + " but was '" + value + "'");
            }
        });
    }
}

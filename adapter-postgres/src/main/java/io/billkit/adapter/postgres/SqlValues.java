package io.billkit.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explicit conversions between Java values and PostgreSQL columns: instants as {@code timestamptz} in
 * UTC (microsecond precision: nanoseconds are truncated), flat string maps as {@code jsonb} text.
 */
final class SqlValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private SqlValues() {
    }

    /** Binds {@code instant} as a {@code timestamptz} in UTC (null binds SQL NULL). */
    static Argument timestamp(Instant instant) {
        return ObjectArgument.of(instant == null ? null : instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** Reads a {@code timestamptz} column; null when the column is NULL. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Reads a {@code date} column; null when the column is NULL. */
    static java.time.LocalDate localDate(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.LocalDate.class);
    }

    /** Reads a nullable {@code timestamptz} column as an Optional. */
    static java.util.Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return java.util.Optional.ofNullable(instant(rs, column));
    }

    /** A flat string map as JSON text, to bind with {@code CAST(:x AS jsonb)}. */
    static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a string map as JSON", e);
        }
    }

    /** Reads a {@code jsonb} column holding a flat string map; NULL reads as an empty map. */
    static Map<String, String> stringMap(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}

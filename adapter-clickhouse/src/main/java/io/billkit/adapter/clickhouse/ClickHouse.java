package io.billkit.adapter.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The official client-v2 over HTTP, used the way ClickHouse 18.16 (Debian's package) and current
 * servers both accept: server response compression off, the output format written in the SQL
 * ({@code FORMAT TabSeparated}), values inlined as escaped literals (18.16 has no {@code {x:Type}}
 * query parameters).
 */
public final class ClickHouse implements AutoCloseable {
    private final Client client;

    public ClickHouse(String url, String user, String password, String database) {
        this.client = new Client.Builder()
                .addEndpoint(Objects.requireNonNull(url, "url"))
                .setUsername(user == null ? "default" : user)
                .setPassword(password == null ? "" : password)
                .setDefaultDatabase(database == null ? "default" : database)
                // 18.16 ignores the X-ClickHouse-Database header the client sends; it reads the URL parameter
                .serverSetting("database", database == null ? "default" : database)
                .compressServerResponse(false)
                .build();
    }

    /** Runs a statement that returns nothing (DDL, INSERT). */
    public void execute(String sql) {
        try (QueryResponse ignored = client.query(sql).get(60, TimeUnit.SECONDS)) {
            // drained on close
        } catch (Exception e) {
            throw new ClickHouseException("ClickHouse statement failed: " + abbreviate(sql), e);
        }
    }

    /** Runs a query (without FORMAT) and returns its rows as TabSeparated fields. */
    public List<String[]> rows(String sql) {
        try (QueryResponse response = client.query(sql + " FORMAT TabSeparated").get(60, TimeUnit.SECONDS);
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = unescape(fields[i]);
                }
                rows.add(fields);
            }
            return rows;
        } catch (Exception e) {
            throw new ClickHouseException("ClickHouse query failed: " + abbreviate(sql), e);
        }
    }

    /** A single-quoted SQL string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String abbreviate(String sql) {
        return sql.length() > 300 ? sql.substring(0, 300) + "..." : sql;
    }

    @Override
    public void close() {
        client.close();
    }

    /** A failed call to ClickHouse. */
    public static final class ClickHouseException extends RuntimeException {
        ClickHouseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

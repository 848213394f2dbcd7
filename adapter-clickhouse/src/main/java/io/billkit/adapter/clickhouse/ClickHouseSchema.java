package io.billkit.adapter.clickhouse;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Versioned DDL applied once at start, recorded in {@code schema_migrations} (like Flyway's history).
 * Single node: {@code ReplacingMergeTree}. With a cluster name: {@code ReplicatedReplacingMergeTree}
 * local tables and a {@code Distributed} table over them, all {@code ON CLUSTER}.
 *
 * <p>Engines: events in a ReplacingMergeTree ordered by (customer, meter, day, event id), partitioned by
 * month, so one customer's meter over a window is one contiguous range of the primary key; a duplicate row
 * (a retried insert) collapses in a merge, and queries never wait for merges: they read
 * {@code LIMIT 1 BY event_id} over the committed rows. Commit markers in a ReplacingMergeTree by tx id.
 */
public final class ClickHouseSchema {
    /** One migration: a version and its statements, written with {@code ${onCluster}} and {@code ${engine:...}}. */
    public record Migration(int version, String name, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "usage_events", List.of(
            "CREATE TABLE IF NOT EXISTS usage_events${local}${onCluster} (customer_id String, event_id String, meter String,"
                    + " aggregation String, day Date, ts_ns UInt64, quantity Decimal(38, 12), has_unique UInt8,"
                    + " unique_value String, tx_id String, inserted_at DateTime DEFAULT now())"
                    + " ENGINE = ${engine:usage_events} PARTITION BY toYYYYMM(day) ORDER BY (customer_id, meter, day, event_id)",
            "CREATE TABLE IF NOT EXISTS usage_commits${local}${onCluster} (tx_id String, committed_at DateTime DEFAULT now())"
                    + " ENGINE = ${engine:usage_commits} ORDER BY tx_id")));

    private final Optional<String> cluster;

    public ClickHouseSchema(Optional<String> cluster) {
        this.cluster = cluster.filter(c -> !c.isBlank());
    }

    /** The statements of every migration as they will run on this deployment (tested; printed for operators). */
    public List<String> ddl(Migration migration) {
        List<String> out = new java.util.ArrayList<>();
        for (String statement : migration.statements()) {
            String table = statement.replaceFirst("(?s)CREATE TABLE IF NOT EXISTS (\\w+)\\$\\{local}.*", "$1");
            out.add(render(statement, table));
            cluster.ifPresent(c -> out.add("CREATE TABLE IF NOT EXISTS " + table + " ON CLUSTER " + c + " AS " + table
                    + "_local ENGINE = Distributed(" + c + ", currentDatabase(), " + table + "_local, sipHash64(customer_id))"
                    .replace("sipHash64(customer_id))", table.equals("usage_commits") ? "sipHash64(tx_id))" : "sipHash64(customer_id))")));
        }
        return out;
    }

    private String render(String statement, String table) {
        String engine = cluster.map(c -> "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/billkit/" + table + "', '{replica}')")
                .orElse("ReplacingMergeTree()");
        return statement.replace("${local}", cluster.isPresent() ? "_local" : "")
                .replace("${onCluster}", cluster.map(c -> " ON CLUSTER " + c).orElse(""))
                .replace("${engine:" + table + "}", engine);
    }

    String historyDdl() {
        return "CREATE TABLE IF NOT EXISTS schema_migrations" + cluster.map(c -> " ON CLUSTER " + c).orElse("")
                + " (version UInt32, name String, applied_at DateTime DEFAULT now()) ENGINE = "
                + cluster.map(c -> "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/billkit/schema_migrations', '{replica}')")
                .orElse("ReplacingMergeTree()") + " ORDER BY version";
    }

    /** Applies the migrations not yet recorded, in version order; returns the versions applied now. */
    public List<Integer> migrate(ClickHouse clickHouse) {
        clickHouse.execute(historyDdl());
        Set<Integer> applied = new HashSet<>();
        for (String[] row : clickHouse.rows("SELECT version FROM schema_migrations")) {
            applied.add(Integer.parseInt(row[0]));
        }
        List<Integer> now = new java.util.ArrayList<>();
        for (Migration migration : MIGRATIONS) {
            if (applied.contains(migration.version())) {
                continue;
            }
            ddl(migration).forEach(clickHouse::execute);
            clickHouse.execute("INSERT INTO schema_migrations (version, name) VALUES (" + migration.version() + ", "
                    + ClickHouse.quote(migration.name()) + ")");
            now.add(migration.version());
        }
        return now;
    }
}

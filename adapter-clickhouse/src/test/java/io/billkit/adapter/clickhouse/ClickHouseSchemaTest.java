package io.billkit.adapter.clickhouse;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The DDL for one node and for a cluster (CLICKHOUSE_CLUSTER), as it will run. */
class ClickHouseSchemaTest {

    @Test
    void single_node_uses_replacing_merge_tree_without_on_cluster() {
        List<String> ddl = new ClickHouseSchema(Optional.empty()).ddl(ClickHouseSchema.MIGRATIONS.get(0));
        assertThat(ddl).hasSize(2);
        assertThat(ddl.get(0)).startsWith("CREATE TABLE IF NOT EXISTS usage_events (")
                .contains("ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (customer_id, meter, day, event_id)")
                .doesNotContain("ON CLUSTER");
    }

    @Test
    void a_cluster_gets_replicated_local_tables_and_a_distributed_table_on_cluster() {
        List<String> ddl = new ClickHouseSchema(Optional.of("billing")).ddl(ClickHouseSchema.MIGRATIONS.get(0));
        ddl.forEach(System.out::println);
        assertThat(ddl).hasSize(4);
        assertThat(ddl.get(0)).startsWith("CREATE TABLE IF NOT EXISTS usage_events_local ON CLUSTER billing (")
                .contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/billkit/usage_events', '{replica}')");
        assertThat(ddl.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS usage_events ON CLUSTER billing AS usage_events_local"
                + " ENGINE = Distributed(billing, currentDatabase(), usage_events_local, sipHash64(customer_id))");
        assertThat(ddl.get(3)).contains("Distributed(billing, currentDatabase(), usage_commits_local, sipHash64(tx_id))");
    }
}

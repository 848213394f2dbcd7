package io.billkit.adapter.clickhouse;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement runs in the configured database. ClickHouse 18.16 ignores the {@code X-ClickHouse-Database}
 * header and reads only the {@code database} URL parameter: without it all data went to {@code default}.
 */
class ClickHouseDatabaseTest {
    @Test
    void statements_run_in_the_configured_database() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but CLICKHOUSE_URL is not set: .ci/run must start ClickHouse");
            }
            Assumptions.abort("CLICKHOUSE_URL not set");
        }
        String database = "billkit_db_" + Long.toHexString(System.nanoTime());
        try (ClickHouse admin = new ClickHouse(url, null, null, "default")) {
            admin.execute("CREATE DATABASE " + database);
        }
        try (ClickHouse clickHouse = new ClickHouse(url, null, null, database)) {
            assertThat(clickHouse.rows("SELECT currentDatabase()").get(0)[0]).isEqualTo(database);
            clickHouse.execute("CREATE TABLE probe (x UInt8) ENGINE = Memory");
            clickHouse.execute("INSERT INTO probe VALUES (1)");
            assertThat(clickHouse.rows("SELECT count() FROM " + database + ".probe").get(0)[0]).isEqualTo("1");
        } finally {
            try (ClickHouse admin = new ClickHouse(url, null, null, "default")) {
                admin.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }
}

package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row-level security: the application role sees only the rows of the customer its transaction names. */
class RowLevelSecurityTest {
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void twoCustomersWithCounters() {
        TestDatabase.truncateAll();
        for (String id : List.of("cus_a", "cus_b")) {
            postgres.customers().save(Customer.of(CustomerId.of(id), "Customer " + id, id + "@example.com"));
            postgres.quotaCounters().tryConsume(CustomerId.of(id), MeterKey.of("api_calls"), DAY, BigDecimal.TEN,
                    new BigDecimal("100000"));
        }
    }

    @Test
    void the_application_role_is_neither_superuser_nor_exempt_from_row_security() {
        TestDatabase.app().useHandle(h -> {
            assertThat(h.createQuery("SELECT current_user").mapTo(String.class).one()).isEqualTo(PostgresDatabase.APP_ROLE);
            assertThat(h.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                    .mapTo(Boolean.class).one()).isFalse();
        });
    }

    @Test
    void the_pool_logs_in_as_the_application_role_itself_not_as_the_owner() {
        TestDatabase.app().useHandle(h -> {
            assertThat(h.createQuery("SELECT session_user").mapTo(String.class).one()).isEqualTo(PostgresDatabase.APP_ROLE);
            assertThat(TestDatabase.database().appUrl().user()).contains(PostgresDatabase.APP_ROLE);
            assertThat(TestDatabase.database().appUrl().password()).isPresent()
                    .isNotEqualTo(TestDatabase.database().ownerUrl().password());
        });
    }

    @Test
    void reset_role_in_a_pooled_connection_does_not_escape_row_level_security() {
        try (Handle h = TestDatabase.app().open()) {
            h.begin();
            RowScope.customer("cus_a").applyTo(h);
            h.execute("RESET ROLE");
            assertThat(h.createQuery("SELECT current_user").mapTo(String.class).one()).isEqualTo(PostgresDatabase.APP_ROLE);
            assertThat(ids(h, "SELECT id FROM customers ORDER BY id")).containsExactly("cus_a");
            assertThat(ids(h, "SELECT customer_id FROM quota_counters")).containsExactly("cus_a");
            assertThat(h.createUpdate("UPDATE quota_counters SET used = 0 WHERE customer_id = 'cus_b'").execute()).isZero();
            h.commit();
            h.execute("RESET ROLE");
            assertThat(ids(h, "SELECT id FROM customers")).isEmpty();
        }
        assertThat(postgres.quotaCounters().used(CustomerId.of("cus_b"), MeterKey.of("api_calls"), DAY))
                .isEqualByComparingTo("10");
    }

    @Test
    void a_pooled_connection_cannot_become_the_owner_nor_switch_row_security_off() {
        String owner = TestDatabase.owner().withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());
        for (String escape : List.of("SET ROLE " + owner, "SET SESSION AUTHORIZATION " + owner, "SET LOCAL row_security = off",
                "ALTER TABLE customers DISABLE ROW LEVEL SECURITY", "ALTER ROLE " + PostgresDatabase.APP_ROLE + " BYPASSRLS",
                "DROP POLICY customer_rows ON customers")) {
            try (Handle h = TestDatabase.app().open()) {
                if (escape.contains("row_security")) {
                    // allowed to set, but then a query that would be filtered fails instead of seeing every row
                    h.begin();
                    h.execute(escape);
                    assertThatThrownBy(() -> ids(h, "SELECT id FROM customers")).as(escape)
                            .hasMessageContaining("row-level security");
                    h.rollback();
                } else {
                    assertThatThrownBy(() -> h.execute(escape)).as(escape)
                            .isInstanceOf(UnableToExecuteStatementException.class)
                            .hasMessageMatching("(?s).*(permission denied|must be owner|must be superuser|"
                                    + "Only roles with the BYPASSRLS).*");
                }
            }
        }
        TestDatabase.app().useHandle(h -> assertThat(ids(h, "SELECT id FROM customers")).isEmpty());
        assertThat(TestDatabase.count("customers")).isEqualTo(2);
    }

    @Test
    void start_refuses_an_application_role_that_bypasses_row_level_security() {
        DatabaseUrl owner = TestDatabase.database().ownerUrl();
        String password = TestDatabase.database().appUrl().password().orElseThrow();
        TestDatabase.owner().useHandle(h -> h.execute("ALTER ROLE " + PostgresDatabase.APP_ROLE + " BYPASSRLS"));
        try {
            assertThatThrownBy(() -> AppRole.ensure(owner, password, false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("BYPASSRLS");
        } finally {
            TestDatabase.owner().useHandle(h -> h.execute("ALTER ROLE " + PostgresDatabase.APP_ROLE + " NOBYPASSRLS"));
        }
        assertThat(AppRole.ensure(owner, password, false).user()).contains(PostgresDatabase.APP_ROLE);
    }

    @Test
    void the_derived_password_depends_on_the_owners_password_only() {
        DatabaseUrl a = DatabaseUrl.parse("postgresql://owner:secret-1@db-a:5432/billkit");
        DatabaseUrl sameOnOtherHost = DatabaseUrl.parse("postgresql://owner:secret-1@db-b:5432/billkit");
        DatabaseUrl other = DatabaseUrl.parse("postgresql://owner:secret-2@db-a:5432/billkit");
        assertThat(AppRole.derivedPassword(a)).isEqualTo(AppRole.derivedPassword(sameOnOtherHost))
                .isNotEqualTo(AppRole.derivedPassword(other)).doesNotContain("secret").hasSizeGreaterThanOrEqualTo(40);
        assertThat(AppRole.randomPassword()).isNotEqualTo(AppRole.randomPassword());
    }

    @Test
    void a_query_without_the_customer_setting_sees_no_rows() {
        TestDatabase.app().useTransaction(h -> {
            assertThat(ids(h, "SELECT id FROM customers")).isEmpty();
            assertThat(ids(h, "SELECT customer_id FROM quota_counters")).isEmpty();
        });
        assertThat(TestDatabase.count("customers")).isEqualTo(2);
    }

    @Test
    void a_query_with_the_customer_setting_sees_only_that_customers_rows() {
        TestDatabase.app().useTransaction(h -> {
            RowScope.customer("cus_a").applyTo(h);
            assertThat(ids(h, "SELECT id FROM customers")).containsExactly("cus_a");
            assertThat(ids(h, "SELECT customer_id FROM quota_counters")).containsExactly("cus_a");
            assertThat(h.createUpdate("UPDATE quota_counters SET used = 0").execute()).isEqualTo(1);
        });
        assertThat(postgres.quotaCounters().used(CustomerId.of("cus_b"), MeterKey.of("api_calls"), DAY))
                .isEqualByComparingTo("10");
    }

    @Test
    void the_setting_ends_with_its_transaction() {
        TestDatabase.app().useHandle(h -> {
            h.useTransaction(t -> RowScope.customer("cus_a").applyTo(t));
            h.useTransaction(t -> assertThat(ids(t, "SELECT id FROM customers")).isEmpty());
        });
    }

    @Test
    void the_system_scope_sees_every_customer() {
        TestDatabase.app().useTransaction(h -> {
            RowScope.system().applyTo(h);
            assertThat(ids(h, "SELECT id FROM customers ORDER BY id")).containsExactly("cus_a", "cus_b");
        });
    }

    @Test
    void writing_a_row_for_another_customer_is_refused() {
        assertThatThrownBy(() -> TestDatabase.app().useTransaction(h -> {
            RowScope.customer("cus_a").applyTo(h);
            h.execute("INSERT INTO customers (id, name, email) VALUES ('cus_c', 'Intruder', 'x@example.com')");
        })).isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("row-level security");
        assertThat(TestDatabase.count("customers")).isEqualTo(2);
    }

    @Test
    void the_stores_translate_a_refused_write_into_a_forbidden_billing_error() {
        JdbiTransactions tx = new JdbiTransactions(TestDatabase.app());
        assertThatThrownBy(() -> tx.useHandle(RowScope.customer("cus_a"), h ->
                h.execute("INSERT INTO quota_counters (customer_id, meter, window_start, used) VALUES ('cus_b', 'x', now(), 1)")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void every_table_with_a_customer_id_forces_row_level_security() {
        List<String> unprotected = TestDatabase.owner().withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
                        WHERE c.relkind = 'r'
                          AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'customer_id')
                               OR c.relname = 'customers')
                          AND NOT (c.relrowsecurity AND c.relforcerowsecurity
                                   AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))""")
                .mapTo(String.class).list());
        assertThat(unprotected).isEmpty();
    }

    private static List<String> ids(Handle h, String sql) {
        return h.createQuery(sql).mapTo(String.class).list();
    }
}

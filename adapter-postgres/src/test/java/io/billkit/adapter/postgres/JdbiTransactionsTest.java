package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ApiKeyStore.ApiKey;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The unit of work: stores join the thread's transaction; a throw rolls every write back. */
class JdbiTransactionsTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final CustomerId APEX = CustomerId.of("cus_apex");
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    private void writeToEveryStore(String suffix) {
        postgres.customers().save(Customer.of(APEX, "Apex Media", "billing@apex.example"));
        postgres.quotaCounters().tryConsume(APEX, MeterKey.of("api_calls"), AT, new BigDecimal("5"), new BigDecimal("100000"));
        postgres.auditLog().append(new AuditEntry(AT, "user_1", "customer.created", Optional.of(APEX), Map.of(), "", ""));
        postgres.outbox().append(new OutboxEvent("evt-" + suffix, "customer.created", APEX.value(), APEX.value(), Map.of(), AT));
        postgres.providerEventInbox().markReceived("evt_stripe_" + suffix, "customer.created", AT, AT);
        postgres.providerReferences().link("customer", APEX.value(), "cus_Stripe" + suffix);
        postgres.idempotency().saveIfAbsent("idem-" + suffix + "-0123456789",
                new io.billkit.application.port.out.IdempotencyStore.StoredResult("h", "r", AT.plusSeconds(3600)), AT);
        postgres.apiKeys().save(new ApiKey("key_" + suffix, Optional.of(APEX), "ingest", suffix.repeat(64).substring(0, 64), AT, false));
    }

    private static long rowsInStoreTables() {
        long rows = 0;
        for (String table : new String[]{"customers", "quota_counters", "billing_audit", "events", "stripe_webhook_events",
                "provider_references", "billing_idempotency", "api_keys"}) {
            rows += TestDatabase.count(table);
        }
        return rows;
    }

    @Test
    void work_that_throws_leaves_no_rows_in_any_store() {
        assertThatThrownBy(() -> postgres.transactions().run(() -> {
            writeToEveryStore("a");
            throw new IllegalStateException("payment provider down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("payment provider down");
        assertThat(rowsInStoreTables()).isZero();
    }

    @Test
    void work_that_returns_commits_every_store_together() {
        String result = postgres.transactions().inTransaction(() -> {
            writeToEveryStore("b");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(rowsInStoreTables()).isEqualTo(8);
    }

    @Test
    void a_nested_transaction_joins_the_outer_one_and_rolls_back_with_it() {
        assertThatThrownBy(() -> postgres.transactions().run(() -> {
            postgres.transactions().run(() -> writeToEveryStore("c"));
            assertThat(postgres.customers().find(APEX)).isPresent();
            throw new IllegalStateException("outer fails after the inner one finished");
        })).hasMessage("outer fails after the inner one finished");
        assertThat(rowsInStoreTables()).isZero();
    }

    @Test
    void uncommitted_writes_are_invisible_to_other_threads() throws Exception {
        postgres.transactions().run(() -> {
            postgres.customers().save(Customer.of(APEX, "Apex Media", "billing@apex.example"));
            Optional<Customer> seenElsewhere;
            try {
                seenElsewhere = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> postgres.customers().find(APEX)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(seenElsewhere).isEmpty();
        });
        assertThat(postgres.customers().find(APEX)).isPresent();
    }

    @Test
    void a_quota_admission_rolls_back_with_its_transaction() {
        assertThatThrownBy(() -> postgres.transactions().run(() -> {
            assertThat(postgres.quotaCounters().tryConsume(APEX, MeterKey.of("api_calls"), AT, new BigDecimal("999"),
                    new BigDecimal("1000")).admitted()).isTrue();
            throw new IllegalStateException("usage write failed");
        })).hasMessage("usage write failed");
        assertThat(postgres.quotaCounters().used(APEX, MeterKey.of("api_calls"), AT)).isEqualByComparingTo("0");
    }

    @Test
    void a_unique_violation_becomes_a_conflict_and_rolls_the_transaction_back() {
        postgres.apiKeys().save(new ApiKey("key_1", Optional.of(APEX), "ingest", "f".repeat(64), AT, false));
        assertThatThrownBy(() -> postgres.transactions().run(() -> {
            postgres.customers().save(Customer.of(APEX, "Apex Media", "billing@apex.example"));
            postgres.apiKeys().save(new ApiKey("key_2", Optional.of(APEX), "copy", "f".repeat(64), AT, false));
        })).isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(TestDatabase.count("customers")).isZero();
        assertThat(TestDatabase.count("api_keys")).isEqualTo(1);
    }
}

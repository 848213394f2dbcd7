package io.billkit.application.contract;

import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageAlertStore.FiredAlert;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.UsageAlert;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UsageAlertStore} must do; adapters extend this class unchanged. Each test uses its own
 * customer ids.
 */
public abstract class UsageAlertStoreContract {

    protected abstract UsageAlertStore store();

    /** The transactions the store's writes join. */
    protected abstract Transactions transactions();

    private static final MeterKey API_CALLS = MeterKey.of("api_calls");
    private static final MeterKey IMPRESSIONS = MeterKey.of("impressions");
    private static final Instant WINDOW = Instant.parse("2026-03-10T05:00:00Z");
    private static final Instant NEXT_WINDOW = Instant.parse("2026-03-11T04:00:00Z");
    private static final Instant FIRED = Instant.parse("2026-03-10T18:30:00Z");

    private static CustomerId newCustomer() {
        return CustomerId.of("cus_" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static UsageAlert alert(CustomerId customer, MeterKey meter, int percent, Instant window, String used) {
        return new UsageAlert(customer, meter, percent, window, new BigDecimal(used), Limit.of(10_000));
    }

    @Test
    void a_threshold_fires_once_per_customer_meter_and_window() {
        CustomerId customer = newCustomer();
        UsageAlertStore store = store();
        assertThat(store.recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "7500"), FIRED)).isTrue();
        assertThat(store.recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "7600"), FIRED.plusSeconds(60))).isFalse();
        assertThat(store.recordIfNew(alert(customer, API_CALLS, 90, WINDOW, "9000"), FIRED.plusSeconds(120))).isTrue();
        assertThat(store.recordIfNew(alert(customer, API_CALLS, 75, NEXT_WINDOW, "7500"), FIRED.plusSeconds(86_400))).isTrue();
        assertThat(store.recordIfNew(alert(customer, IMPRESSIONS, 75, WINDOW, "7500"), FIRED)).isTrue();
        assertThat(store.recordIfNew(alert(newCustomer(), API_CALLS, 75, WINDOW, "7500"), FIRED)).isTrue();

        assertThat(store.fired(customer, API_CALLS, WINDOW)).containsExactlyInAnyOrder(75, 90);
        assertThat(store.fired(customer, API_CALLS, NEXT_WINDOW)).containsExactly(75);
        assertThat(store.fired(customer, IMPRESSIONS, WINDOW)).containsExactly(75);
        assertThat(store.fired(customer, IMPRESSIONS, NEXT_WINDOW)).isEmpty();
        assertThat(store.fired(newCustomer(), API_CALLS, WINDOW)).isEmpty();
    }

    @Test
    void recent_alerts_come_newest_first_with_their_numbers_and_the_first_recording_kept() {
        CustomerId customer = newCustomer();
        UsageAlertStore store = store();
        store.recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "7500.5"), FIRED);
        store.recordIfNew(alert(customer, API_CALLS, 90, WINDOW, "9100"), FIRED.plusSeconds(10));
        store.recordIfNew(alert(customer, API_CALLS, 100, WINDOW, "10000"), FIRED.plusSeconds(20));
        store.recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "9999"), FIRED.plusSeconds(30));

        List<FiredAlert> recent = store.recent(customer, 10);
        assertThat(recent).extracting(a -> a.alert().thresholdPercent()).containsExactly(100, 90, 75);
        assertThat(recent).extracting(FiredAlert::firedAt)
                .containsExactly(FIRED.plusSeconds(20), FIRED.plusSeconds(10), FIRED);
        FiredAlert oldest = recent.get(2);
        assertThat(oldest.alert().customer()).isEqualTo(customer);
        assertThat(oldest.alert().meter()).isEqualTo(API_CALLS);
        assertThat(oldest.alert().windowStart()).isEqualTo(WINDOW);
        assertThat(oldest.alert().used()).isEqualByComparingTo("7500.5");
        assertThat(oldest.alert().limit()).isInstanceOfSatisfying(Limit.Finite.class,
                l -> assertThat(l.quantity()).isEqualByComparingTo("10000"));

        assertThat(store.recent(customer, 2)).extracting(a -> a.alert().thresholdPercent()).containsExactly(100, 90);
        assertThat(store.recent(newCustomer(), 10)).isEmpty();
    }

    @Test
    void an_alert_recorded_in_a_failed_transaction_can_fire_again() {
        CustomerId customer = newCustomer();
        assertThatThrownBy(() -> transactions().run(() -> {
            assertThat(store().recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "7500"), FIRED)).isTrue();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store().fired(customer, API_CALLS, WINDOW)).isEmpty();
        assertThat(store().recent(customer, 10)).isEmpty();
        assertThat(store().recordIfNew(alert(customer, API_CALLS, 75, WINDOW, "7500"), FIRED)).isTrue();
    }

    @Test
    void concurrent_recorders_of_one_threshold_fire_it_once() throws Exception {
        CustomerId customer = newCustomer();
        List<Boolean> recorded = ConcurrentRunner.runConcurrently(16,
                () -> store().recordIfNew(alert(customer, API_CALLS, 90, WINDOW, "9000"), FIRED));
        assertThat(recorded).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(store().recent(customer, 10)).hasSize(1);
    }
}

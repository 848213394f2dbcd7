package io.billkit.application.contract;

import io.billkit.application.port.out.QuotaCounters;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link QuotaCounters} must do; adapters extend this class unchanged. */
public abstract class QuotaCountersContract {

    protected abstract QuotaCounters counters();

    private static final CustomerId CUSTOMER = CustomerId.of("cus_quota");
    private static final MeterKey METER = MeterKey.of("api_calls");
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void admits_up_to_the_limit_and_refuses_the_first_unit_past_it() {
        QuotaCounters counters = counters();
        assertThat(counters.tryConsume(CUSTOMER, METER, DAY, new BigDecimal("9999"), new BigDecimal("10000")).admitted()).isTrue();
        QuotaCounters.Consumption last = counters.tryConsume(CUSTOMER, METER, DAY, BigDecimal.ONE, new BigDecimal("10000"));
        assertThat(last.admitted()).isTrue();
        assertThat(last.used()).isEqualByComparingTo("10000");
        QuotaCounters.Consumption refused = counters.tryConsume(CUSTOMER, METER, DAY, BigDecimal.ONE, new BigDecimal("10000"));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.used()).isEqualByComparingTo("10000");
        assertThat(counters.used(CUSTOMER, METER, DAY)).isEqualByComparingTo("10000");
    }

    @Test
    void windows_customers_and_meters_are_counted_apart() {
        QuotaCounters counters = counters();
        counters.tryConsume(CUSTOMER, METER, DAY, BigDecimal.TEN, new BigDecimal("100"));
        counters.tryConsume(CUSTOMER, METER, DAY.plusSeconds(86_400), BigDecimal.ONE, new BigDecimal("100"));
        counters.tryConsume(CustomerId.of("cus_other"), METER, DAY, new BigDecimal("5"), new BigDecimal("100"));
        counters.tryConsume(CUSTOMER, MeterKey.of("ai_requests"), DAY, new BigDecimal("7"), new BigDecimal("100"));
        assertThat(counters.used(CUSTOMER, METER, DAY)).isEqualByComparingTo("10");
        assertThat(counters.used(CUSTOMER, METER, DAY.plusSeconds(86_400))).isEqualByComparingTo("1");
        assertThat(counters.used(CustomerId.of("cus_other"), METER, DAY)).isEqualByComparingTo("5");
        assertThat(counters.used(CUSTOMER, MeterKey.of("ai_requests"), DAY)).isEqualByComparingTo("7");
        assertThat(counters.used(CUSTOMER, METER, DAY.minusSeconds(86_400))).isEqualByComparingTo("0");
    }

    @Test
    void a_request_larger_than_the_limit_is_refused_on_an_empty_counter() {
        QuotaCounters.Consumption refused = counters().tryConsume(CUSTOMER, METER, DAY, new BigDecimal("101"), new BigDecimal("100"));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.used()).isEqualByComparingTo("0");
    }

    @Test
    void two_hundred_threads_consuming_a_quota_of_1000_admit_exactly_1000() throws Exception {
        QuotaCounters counters = counters();
        List<Integer> admittedPerThread = ConcurrentRunner.runConcurrently(200, () -> {
            int admitted = 0;
            for (int i = 0; i < 10; i++) {
                if (counters.tryConsume(CUSTOMER, METER, DAY, BigDecimal.ONE, new BigDecimal("1000")).admitted()) {
                    admitted++;
                }
            }
            return admitted;
        });
        assertThat(admittedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(counters.used(CUSTOMER, METER, DAY)).isEqualByComparingTo("1000");
    }
}

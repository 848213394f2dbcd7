package io.billkit.bootstrap.metrics;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Metered* decorators count what the use cases and ports answered, with bounded labels. */
class BusinessMetricsTest {
    private final SettableClock clock = SettableClock.at("2026-03-10T12:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BusinessMetrics metrics = new BusinessMetrics(registry, SeedCatalogs.mortgage());

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void quota_denials_rejections_and_provider_errors_are_counted_and_unknown_meters_do_not_become_labels() {
        var ports = InMemoryBillingPorts.create(clock);
        ports = ports.withPaymentProvider(MeteredPaymentProvider.wrap(ports.paymentProvider(), metrics));
        BillingServices s = new BillingServices(ports, SeedCatalogs.mortgage(), clock, BillingSettings.defaults());
        CustomerId acme = CustomerId.of("acme");
        s.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(acme, "Acme", "ap@acme.test"), Actor.system()));
        s.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("free"), Actor.system()));

        CheckQuotaUseCase check = MeteredQuota.check(s.checkQuota(), metrics);
        check.check(new CheckQuotaQuery(acme, "api_calls", BigDecimal.ONE));
        check.check(new CheckQuotaQuery(acme, "api_calls", new BigDecimal("1000")));
        new MeteredRecordUsage(s.recordUsage(), metrics).record(new RecordUsageCommand(List.of(
                new UsageEventInput("e-1", acme, "api_calls", BigDecimal.ONE, clock.instant(), Map.of()),
                new UsageEventInput("e-2", acme, "made_up_meter_42", BigDecimal.ONE, clock.instant(), Map.of())),
                Actor.system()));

        assertThat(count("billkit.quota.decisions", "meter", "api_calls", "decision", "allowed")).isEqualTo(1);
        assertThat(count("billkit.quota.decisions", "meter", "api_calls", "decision", "denied")).isEqualTo(1);
        assertThat(count("billkit.usage.events", "meter", "api_calls", "outcome", "accepted")).isEqualTo(1);
        assertThat(count("billkit.usage.events", "meter", "unknown", "outcome", "rejected")).isEqualTo(1);
        assertThat(registry.getMeters()).noneMatch(m -> "made_up_meter_42".equals(m.getId().getTag("meter")));
        assertThat(count("billkit.provider.calls", "operation", "createCustomer", "outcome", "ok")).isEqualTo(1);
        assertThat(count("billkit.provider.calls", "operation", "createSubscription", "outcome", "ok")).isEqualTo(1);
    }

    @Test
    void a_provider_call_that_throws_counts_as_an_error_and_the_exception_passes_unchanged() {
        PaymentProvider failing = (PaymentProvider) java.lang.reflect.Proxy.newProxyInstance(
                PaymentProvider.class.getClassLoader(), new Class<?>[] {PaymentProvider.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("provider down");
                });
        PaymentProvider metered = MeteredPaymentProvider.wrap(failing, metrics);

        assertThatThrownBy(() -> metered.createCustomer("acme", "Acme", "ap@acme.test", "k-1"))
                .isInstanceOf(IllegalStateException.class).hasMessage("provider down");
        assertThat(count("billkit.provider.calls", "operation", "createCustomer", "outcome", "error")).isEqualTo(1);
    }
}

package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small helpers the month scenarios share: money, local times, usage events, audit and provider-call
 * lookups. The stories themselves stay in the scenario classes.
 */
final class ScenarioKit {
    static final Actor APP = new Actor("app-backend", "10.0.0.7", "billkit-sdk/1.0");
    static final Actor BILLING_JOB = Actor.of("billing-job");

    private ScenarioKit() {
    }

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    static BigDecimal qty(String quantity) {
        return new BigDecimal(quantity);
    }

    /** The instant of {@code time} on {@code date} in {@code zone} (DST-aware). */
    static Instant local(LocalDate date, String time, ZoneId zone) {
        return date.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
    }

    static UsageEventInput event(String id, CustomerId customer, MeterKey meter, String quantity, Instant at) {
        return new UsageEventInput(id, customer, meter.value(), new BigDecimal(quantity), at, Map.of());
    }

    static RecordUsageResult record(BillingServices services, List<UsageEventInput> events) {
        return services.recordUsage().record(new RecordUsageCommand(events, APP));
    }

    /** The customer's audit entries, oldest first. */
    static List<AuditEntry> audit(BillingServices services, CustomerId customer) {
        List<AuditEntry> newestFirst = services.auditTrail().recent(new AuditQuery(Optional.of(customer), 1000));
        List<AuditEntry> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    static List<AuditEntry> audit(BillingServices services, CustomerId customer, String action) {
        return audit(services, customer).stream().filter(e -> e.action().equals(action)).toList();
    }

    static List<MockPaymentProvider.Call> calls(MockPaymentProvider provider, String method) {
        return provider.calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    static InvoiceView invoice(BillingServices services, InvoiceId id, CustomerId owner) {
        return services.invoice().get(new GetInvoiceQuery(id, Optional.of(owner)));
    }

    static MeterUsageView meter(List<MeterUsageView> meters, MeterKey key) {
        return meters.stream().filter(m -> m.meter().equals(key)).findFirst().orElseThrow();
    }

    /** {@code description=amount} of each line, as the provider receives the invoice items. */
    static List<String> items(InvoiceView invoice) {
        return invoice.lines().stream().map(ScenarioKit::item).toList();
    }

    static String item(InvoiceLineView line) {
        return line.description() + "=" + line.amount();
    }
}

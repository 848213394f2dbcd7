package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.tax.BuiltInTaxCalculator;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxProfile;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.invoice.TaxTreatment;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An Irish seller (SELLER_COUNTRY IE) bills March 2026 on a EUR plan of EUR 49.00 a month with 10,000 API
 * calls included and EUR 0.002 per call beyond, the built-in tax calculator configured with
 * {@code DE=0.19; IE=0.23}. Every customer makes 12,345 calls, so every invoice has the same lines:
 * <pre>
 *   Team plan (monthly)                              49.00
 *   API calls overage: 2,345 x EUR 0.002 = 4.69       4.69
 *   subtotal                                         53.69
 * </pre>
 * and the tax differs by customer (each tax line rounded once, HALF_UP, to the cent):
 * <ul>
 *   <li>a German business with VAT id DE123456789: EU B2B across borders, reverse charge: tax 0.00 on
 *       53.69, note "Reverse charge", total 53.69;</li>
 *   <li>a German customer without VAT id: German VAT 19 %: 53.69 x 0.19 = 10.2011 -> 10.20, total 63.89;</li>
 *   <li>an Irish business with VAT id IE6388047V: same country as the seller, so no reverse charge: Irish VAT
 *       23 %: 53.69 x 0.23 = 12.3487 -> 12.35, total 66.04;</li>
 *   <li>prices including tax, the German customer without VAT id: the 53.69 are gross: net = 53.69 / 1.19
 *       = 45.1176... -> 45.12, tax = 53.69 - 45.12 = 8.57 (= 45.12 x 0.19 = 8.5728 -> 8.57), total 53.69.</li>
 * </ul>
 */
class TaxScenarioTest {
    private static final MeterKey API_CALLS = MeterKey.of("api_calls");
    private static final Catalog CATALOG = new Catalog("tax-scenario",
            List.of(Meter.of("api_calls", "API calls", "call", Aggregation.SUM)),
            List.of(Plan.builder("team", "Team", "EUR").basePrice("49.00")
                    .meter(API_CALLS, Allowance.soft(10_000, Window.PERIOD), Price.perUnit("0.002", "EUR")).build()),
            List.of(), List.of());
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(MARCH_1);

    private BillingServices billing(TaxInclusion inclusion) {
        BuiltInTaxCalculator calculator = new BuiltInTaxCalculator(BuiltInTaxCalculator.parseRates("DE=0.19; IE=0.23"),
                Optional.of("IE"), inclusion, RoundingPolicy.PER_LINE_HALF_UP);
        return new BillingServices(InMemoryBillingPorts.create(new MockPaymentProvider(clock)).withTaxCalculator(calculator),
                CATALOG, clock, BillingSettings.defaults());
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void a_german_business_with_a_vat_id_is_reverse_charged_and_one_without_pays_19_percent() {
        BillingServices billing = billing(TaxInclusion.EXCLUSIVE);
        Customer withVatId = customer("cus_berlin_gmbh", "Berlin Software GmbH").withTaxId(TaxId.vat("DE123456789"))
                .withTaxProfile(TaxProfile.in("DE"));
        Customer withoutVatId = customer("cus_munich_solo", "Anna Huber").withTaxProfile(TaxProfile.in("DE"));
        Customer irishBusiness = customer("cus_dublin_ltd", "Dublin Widgets Ltd").withTaxId(TaxId.vat("IE6388047V"))
                .withTaxProfile(TaxProfile.in("IE"));

        List<InvoiceView> invoices = aMonthOfUsage(billing, withVatId, withoutVatId, irishBusiness);

        InvoiceView reverse = invoices.get(0);
        assertThat(reverse.subtotal()).isEqualTo(eur("53.69"));
        assertThat(reverse.tax()).isEqualTo(eur("0.00"));
        assertThat(reverse.total()).isEqualTo(eur("53.69"));
        assertThat(reverse.taxLines()).containsExactly(new TaxLine("VAT (reverse charge)", BigDecimal.ZERO,
                eur("53.69"), eur("0.00"), TaxTreatment.REVERSE_CHARGE));
        assertThat(reverse.taxNotes()).containsExactly("Reverse charge");

        InvoiceView german = invoices.get(1);
        assertThat(german.tax()).isEqualTo(eur("10.20"));
        assertThat(german.total()).isEqualTo(eur("63.89"));
        assertThat(german.taxLines()).containsExactly(new TaxLine("VAT (19%)", new BigDecimal("0.19"), eur("53.69"),
                eur("10.20")));
        assertThat(german.taxNotes()).isEmpty();

        InvoiceView irish = invoices.get(2);
        assertThat(irish.tax()).isEqualTo(eur("12.35"));
        assertThat(irish.total()).isEqualTo(eur("66.04"));
        assertThat(irish.taxNotes()).isEmpty();
    }

    @Test
    void with_prices_including_tax_the_tax_is_extracted_from_the_gross_amount() {
        BillingServices billing = billing(TaxInclusion.INCLUSIVE);
        Customer german = customer("cus_munich_solo", "Anna Huber").withTaxProfile(TaxProfile.in("DE"));

        InvoiceView invoice = aMonthOfUsage(billing, german).get(0);

        assertThat(invoice.pricesIncludeTax()).isTrue();
        assertThat(invoice.subtotal()).isEqualTo(eur("53.69"));
        assertThat(invoice.taxLines()).containsExactly(new TaxLine("VAT (19%)", new BigDecimal("0.19"), eur("45.12"),
                eur("8.57")));
        assertThat(invoice.tax()).isEqualTo(eur("8.57"));
        assertThat(invoice.total()).isEqualTo(eur("53.69"));
        assertThat(invoice.amountDue()).isEqualTo(eur("53.69"));
    }

    @Test
    void a_tax_exempt_customer_pays_no_tax_and_the_invoice_says_so() {
        BillingServices billing = billing(TaxInclusion.EXCLUSIVE);
        Customer charity = customer("cus_charity", "Hilfswerk e.V.").withTaxProfile(TaxProfile.in("DE").asExempt(true));

        InvoiceView invoice = aMonthOfUsage(billing, charity).get(0);

        assertThat(invoice.tax()).isEqualTo(eur("0.00"));
        assertThat(invoice.total()).isEqualTo(eur("53.69"));
        assertThat(invoice.taxLines()).extracting(TaxLine::treatment).containsExactly(TaxTreatment.EXEMPT);
        assertThat(invoice.taxNotes()).containsExactly("Tax exempt");
    }

    @Test
    void a_malformed_german_vat_id_is_refused_before_it_reaches_an_invoice() {
        assertThatThrownBy(() -> TaxId.vat("DE12345678"))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("DE12345678")
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    private static Customer customer(String id, String name) {
        return Customer.of(CustomerId.of(id), name, "billing@" + id + ".example");
    }

    /** Signs each customer up on March 1, records 12,345 calls on March 10 and closes March. */
    private List<InvoiceView> aMonthOfUsage(BillingServices billing, Customer... customers) {
        clock.set(MARCH_1);
        for (Customer customer : customers) {
            billing.upsertCustomer().upsert(new UpsertCustomerCommand(customer, APP));
            billing.subscribe().subscribe(new SubscribeCommand(customer.id(), PlanCode.of("team"), APP));
        }
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        for (Customer customer : customers) {
            record(billing, List.of(event(customer.id() + "-calls", customer.id(), API_CALLS, "12345", clock.instant())));
        }
        clock.set(Instant.parse("2026-04-01T02:00:00Z"));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        assertThat(closed.created()).hasSize(customers.length);
        return java.util.Arrays.stream(customers).map(c -> closed.created().stream()
                        .map(id -> billing.invoice().get(new io.billkit.application.port.in.invoice.GetInvoiceQuery(id, Optional.empty())))
                        .filter(v -> v.customer().equals(c.id())).findFirst().orElseThrow())
                .toList();
    }
}

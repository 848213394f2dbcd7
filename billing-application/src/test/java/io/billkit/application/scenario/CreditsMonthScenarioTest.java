package io.billkit.application.scenario;

import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.in.credit.PurchaseCreditsCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.local;
import static io.billkit.application.scenario.ScenarioKit.qty;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The credits seed over February 2026: a customer in Kolkata (UTC+05:30, so the local month ends at
 * 18:30 UTC) on Monthly (USD 49, 10,000 included credits, 7-day trial) buys a 1,000-credit pack, spends
 * 30 x {@code api_call_premium} (= 150 credits) every day from the 3rd to the 27th, once a premium
 * action and once two AI inferences, and gets its February credits expired and March's granted at the
 * first instant of March, before the period close. Purchased credits are spent first. The first invoice
 * waives the trial's share of the base fee.
 */
class CreditsMonthScenarioTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);
    private static final Instant FEBRUARY_ENDS = Instant.parse("2026-02-28T18:30:00Z"); // March 1, 00:00 IST
    private static final Instant MARCH_ENDS = Instant.parse("2026-03-31T18:30:00Z");    // April 1, 00:00 IST

    private final SettableClock clock = new SettableClock(local(FEB_1, "10:00", KOLKATA));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(InMemoryBillingPorts.create(provider),
            SeedCatalogs.credits(), clock, BillingSettings.defaults());
    private final CustomerId nova = CustomerId.of("cus_nova_labs");

    @Test
    void a_monthly_customer_spends_a_pack_first_then_its_included_credits_and_gets_new_ones_at_period_close() {
        provider.onEvent(billing.handleProviderEvent()::handle); // webhooks, as the HTTP adapter would deliver them

        // --- Feb 1: subscribe; the first period's 10,000 credits are granted at once
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(nova, "Nova Labs Pvt Ltd",
                "accounts@nova.example", KOLKATA, BigDecimal.ZERO, 30, "MG Road, Bengaluru"), APP));
        SubscriptionView subscribed = billing.subscribe().subscribe(new SubscribeCommand(nova, PlanCode.of("monthly"), APP));

        assertThat(subscribed.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(subscribed.currentPeriodStart()).isEqualTo(FEB_1);
        assertThat(subscribed.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 3, 1));
        CreditBalanceView start = balance();
        assertBalance(start, "0", "10000");
        assertThat(start.nextExpiry()).contains(FEBRUARY_ENDS);
        assertThat(start.expiringNext()).isEqualByComparingTo("10000");
        assertThat(audit(billing, nova, "subscription.created")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("creditsGranted", "10000"));
        String providerCustomer = audit(billing, nova, "customer.created").get(0).data().get("providerCustomer");

        // --- Feb 2: buy the 1,000-credit pack (charged and paid at the provider at once)
        clock.set(local(FEB_1.plusDays(1), "11:00", KOLKATA));
        CreditBalanceView afterPurchase = billing.purchaseCredits().purchase(
                new PurchaseCreditsCommand(nova, "pack_1k", "order-2026-0001", APP));

        assertBalance(afterPurchase, "1000", "10000");
        assertThat(afterPurchase.total()).isEqualByComparingTo("11000");
        assertThat(calls(provider, "createInvoice")).singleElement().satisfies(call ->
                assertThat(call.arguments()).containsExactly(providerCustomer, "2026-02-02", "1,000 credits=USD 10.00"));
        assertThat(provider.invoices()).singleElement().satisfies(pack -> {
            assertThat(pack.status()).isEqualTo(ProviderInvoiceStatus.PAID);
            assertThat(pack.total()).isEqualTo(usd("10.00"));
            assertThat(pack.amountPaid()).isEqualTo(usd("10.00"));
            assertThat(pack.amountDue()).isEqualTo(usd("0.00"));
        });
        assertThat(billing.purchaseCredits().purchase(new PurchaseCreditsCommand(nova, "pack_1k", "order-2026-0001", APP)).total())
                .as("the same order buys once").isEqualByComparingTo("11000");
        assertThat(calls(provider, "createInvoice")).hasSize(1);

        // --- Feb 3..28: daily spending at 18:00 local
        for (int dayOfMonth = 3; dayOfMonth <= 28; dayOfMonth++) {
            LocalDate day = FEB_1.withDayOfMonth(dayOfMonth);
            clock.set(local(day, "18:00", KOLKATA));
            if (dayOfMonth <= 27) {
                CreditConsumptionView spent = spend("api_call_premium", "30", "nova-" + day);
                assertThat(spent.creditsDebited()).isEqualByComparingTo("150");
                assertThat(spent.replayed()).isFalse();
            }
            switch (dayOfMonth) {
                case 3 -> assertBalance(balance(), "850", "10000");
                case 8 -> assertBalance(balance(), "100", "10000");
                case 9 -> assertBalance(balance(), "0", "9950"); // 100 from the pack, 50 from the plan
                case 10 -> aRetriedRequestDebitsOnce(day);
                case 12 -> unlimitedApiCallsAreRecordedButNeverBilled(day);
                case 15 -> {
                    assertThat(spend("ai_inference", "2", "nova-ai-" + day).creditsDebited()).isEqualByComparingTo("50");
                    assertBalance(balance(), "0", "9000"); // 13 x 150 + 50 = 2,000 spent
                }
                case 20 -> anOversizedRequestIsRefusedWhole();
                case 27 -> assertBalance(balance(), "0", "7200"); // 25 x 150 + 50 = 3,800 spent
                default -> { }
            }
        }

        // --- March 1, 00:00 IST: February's 7,200 credits left have expired and March's 10,000 are there at
        // once, although the period close runs only after the 1 h grace: reading the balance grants them.
        clock.set(FEBRUARY_ENDS);
        CreditBalanceView march = balance();
        assertBalance(march, "0", "10000");
        assertThat(march.nextExpiry()).contains(MARCH_ENDS);
        assertThat(march.expiringNext()).isEqualByComparingTo("10000");
        clock.set(FEBRUARY_ENDS.plusSeconds(60));
        CreditConsumptionView inTheGrace = spend("api_call_basic", "1", "nova-in-the-grace");
        assertThat(inTheGrace.creditsDebited()).isEqualByComparingTo("1");
        assertBalance(inTheGrace.balance(), "0", "9999");

        clock.set(FEBRUARY_ENDS.plusSeconds(3600));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        assertThat(closed.created()).hasSize(1);

        // the close renews the subscription but finds March's grant: nothing is granted or expired twice
        assertBalance(balance(), "0", "9999");
        assertThat(audit(billing, nova, "credits.expired")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.at()).isEqualTo(FEBRUARY_ENDS);
            assertThat(e.data()).containsEntry("credits", "7200").containsEntry("grants", "1");
        });
        assertThat(audit(billing, nova, "credits.granted")).singleElement().satisfies(e -> {
            assertThat(e.at()).isEqualTo(FEBRUARY_ENDS);
            assertThat(e.data()).containsEntry("source", "SUBSCRIPTION").containsEntry("credits", "10000")
                    .containsEntry("grant", subscribed.id().value() + ":p1")
                    .containsEntry("expiresAt", MARCH_ENDS.toString());
        });
        // the 7-day trial ended on February 8 and no provider event converted it: the close run did
        assertThat(billing.subscription().current(nova).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);

        InvoiceView invoice = ScenarioKit.invoice(billing, closed.created().get(0), nova);
        theInvoiceIsTheBaseFeeLessTheTrial(invoice);
        thePaymentAtTheProviderMarksTheInvoicePaid(invoice, providerCustomer);
        theAuditTrailTellsTheMonth();
    }

    // --- steps

    private void aRetriedRequestDebitsOnce(LocalDate day) {
        CreditConsumptionView retry = spend("api_call_premium", "30", "nova-" + day);

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.creditsDebited()).isEqualByComparingTo("150");
        assertBalance(retry.balance(), "0", "9800");
        assertBalance(balance(), "0", "9800");
    }

    private void unlimitedApiCallsAreRecordedButNeverBilled(LocalDate day) {
        var result = record(billing, List.of(event("nova-calls-" + day, nova, API_CALLS, "25000",
                local(day, "09:00", KOLKATA))));

        assertThat(result.count(UsageEventStatus.ACCEPTED)).isEqualTo(1);
    }

    private void anOversizedRequestIsRefusedWhole() {
        assertBalance(balance(), "0", "8250"); // 18 x 150 + 50 = 2,750 spent

        assertThatThrownBy(() -> spend("api_call_premium", "1700", "nova-bulk-export")) // 8,500 credits
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS));

        assertBalance(balance(), "0", "8250");
        assertThat(audit(billing, nova, "credits.consumed"))
                .noneMatch(e -> e.data().get("requestId").equals("nova-bulk-export"));
    }

    private void theInvoiceIsTheBaseFeeLessTheTrial(InvoiceView invoice) {
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.number()).contains("INV-2026-000001");
        assertThat(invoice.periodStart()).isEqualTo(FEB_1);
        assertThat(invoice.periodEnd()).isEqualTo(LocalDate.of(2026, 3, 1));
        // issued on March 1 local (01:00 IST; still February 28 in UTC), net 30
        assertThat(invoice.dueDate()).contains(LocalDate.of(2026, 3, 31));
        // Credits are credit units, never money: no credit line; unlimited zero-priced meters add no line.
        // February in Kolkata: Feb 1 00:00 IST to Mar 1 00:00 IST = 28 x 24 = 672 h. The trial counts from the
        // period start to its end, Feb 8 10:00 IST: 7 d 10 h = 178 h. 49.00 x 178 / 672 = 8,722 / 672
        // = 12.979 -> 12.98 (HALF_UP, once); 49.00 - 12.98 = 36.02.
        assertThat(invoice.lines()).hasSize(2);
        assertThat(invoice.lines().get(0)).satisfies(line -> {
            assertThat(line.kind()).isEqualTo("base_fee");
            assertThat(line.description()).isEqualTo("Monthly plan (monthly)");
            assertThat(line.amount()).isEqualTo(usd("49.00"));
        });
        assertThat(invoice.lines().get(1)).satisfies(line -> {
            assertThat(line.kind()).isEqualTo("adjustment");
            assertThat(line.description()).isEqualTo("Free trial until 8 Feb 2026");
            assertThat(line.amount()).isEqualTo(usd("-12.98"));
        });
        assertThat(invoice.subtotal()).isEqualTo(usd("36.02"));
        assertThat(invoice.credits()).isEqualTo(usd("0.00"));
        assertThat(invoice.tax()).isEqualTo(usd("0.00"));
        assertThat(invoice.total()).isEqualTo(usd("36.02"));
        assertThat(invoice.amountDue()).isEqualTo(usd("36.02"));
    }

    private void thePaymentAtTheProviderMarksTheInvoicePaid(InvoiceView invoice, String providerCustomer) {
        String providerInvoice = invoice.providerInvoiceId().orElseThrow();
        assertThat(calls(provider, "createInvoice")).last().satisfies(call -> {
            assertThat(call.idempotencyKey()).isEqualTo(invoice.id().value());
            assertThat(call.arguments()).containsExactly(providerCustomer, "2026-03-31", "Monthly plan (monthly)=USD 49.00",
                    "Free trial until 8 Feb 2026=USD -12.98");
        });

        clock.set(local(LocalDate.of(2026, 3, 2), "10:00", KOLKATA));
        provider.payInvoice(providerInvoice, "autopay-" + providerInvoice);

        InvoiceView paid = ScenarioKit.invoice(billing, invoice.id(), nova);
        assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.amountPaid()).isEqualTo(usd("36.02"));
        assertThat(paid.amountDue()).isEqualTo(usd("0.00"));
        assertThat(provider.callNames()).containsExactly("createCustomer", "createSubscription",
                "createInvoice", "payInvoice", "createInvoice", "payInvoice");
    }

    private void theAuditTrailTellsTheMonth() {
        List<String> actions = audit(billing, nova).stream().map(AuditEntry::action)
                .filter(a -> !a.equals("credits.consumed")).toList();
        assertThat(actions).containsExactly("customer.created", "subscription.created",
                "provider.event",            // invoice.payment_succeeded of the pack: not a BillKit invoice, ignored
                "credits.purchased", "usage.recorded",
                "credits.expired", "credits.granted", // March 1, 00:00 IST: the first balance read of March
                "subscription.activated",   // the close run converts the ended trial, then closes February
                "subscription.renewed", "invoice.finalized", "invoice.pushed",
                "provider.event");           // invoice.payment_succeeded of the period invoice: PAID
        // 25 daily debits + the AI inferences + the debit in the grace; the replay and the refused requests wrote nothing
        assertThat(audit(billing, nova, "credits.consumed")).hasSize(27);
        assertThat(audit(billing, nova, "credits.purchased")).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("product", "pack_1k").containsEntry("credits", "1000")
                        .containsEntry("price", "USD 10.00"));
        assertThat(audit(billing, nova, "provider.event")).extracting(e -> e.data().get("result"))
                .containsExactly("IGNORED", "APPLIED");
        assertThat(audit(billing, nova, "invoice.finalized")).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("number", "INV-2026-000001").containsEntry("total", "36.02")
                        .containsEntry("dueDate", "2026-03-31"));
    }

    // --- helpers

    private CreditConsumptionView spend(String creditEvent, String quantity, String requestId) {
        return billing.consumeCredits().consume(new ConsumeCreditsCommand(nova, creditEvent, qty(quantity), requestId, APP));
    }

    private CreditBalanceView balance() {
        return billing.creditBalance().balance(nova);
    }

    private static void assertBalance(CreditBalanceView balance, String purchased, String subscription) {
        assertThat(balance.purchased()).as("purchased credits").isEqualByComparingTo(purchased);
        assertThat(balance.subscription()).as("subscription credits").isEqualByComparingTo(subscription);
        assertThat(balance.promotional()).as("promotional credits").isEqualByComparingTo("0");
        assertThat(balance.total()).as("total credits")
                .isEqualByComparingTo(new BigDecimal(purchased).add(new BigDecimal(subscription)));
    }
}

package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.in.creditnote.IssueCreditNoteCommand;
import io.billkit.application.port.in.creditnote.IssueCreditNoteCommand.LineCredit;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.creditnote.CreditNoteOrigin;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.creditnote.RefundState;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Credit notes and refunds on a three-line invoice, with numbers derived by hand.
 *
 * <p>A customer in UTC with 19 % tax on apex Scale (USD 1,999.00, no trial; 50M impressions and 5M API calls
 * included; USD 0.50 per started 1,000 impressions, USD 0.10 per started 1,000 API calls) uses 50,200,000
 * impressions and 5,123,500 API calls in March 2026. The March invoice has three lines:
 * <pre>
 *   0  Scale plan (monthly)        1,999.00
 *   1  impressions overage           100.00   (200 packages x 0.50)
 *   2  API calls overage              12.40   (124 started packages x 0.10)
 *      subtotal 2,111.40, tax 19 % = 401.166 -> 401.17 (HALF_UP), total 2,512.57
 * </pre>
 * It is paid at the provider. Then:
 * <ol>
 *   <li>CN-2026-000001, refunded: line 1 whole (100.00) and half of line 2 (6.20): net 106.20, tax 106.20 x 0.19 =
 *       20.178 -> 20.18, total 126.38. Left: net 2,005.20, tax 380.99, total 2,386.19.</li>
 *   <li>A note for 6.21 of line 2 (6.20 left) is refused and uses no number.</li>
 *   <li>A USD 11.90 refund made in the provider's dashboard becomes CN-2026-000002 once: net 11.90 / 1.19 = 10.00,
 *       tax 1.90 (taken from line 0, the first line with something left). Left: total 2,374.29.</li>
 *   <li>CN-2026-000003, to the customer's balance: 500.00 of line 0, tax 95.00, total 595.00. Left: 1,779.29.</li>
 *   <li>The April invoice (base fee only: 1,999.00 + 379.81 tax = 2,378.81) takes the 595.00 balance after tax:
 *       amount paid 595.00, amount due 1,783.81, pushed to the provider with a -595.00 item; the balance is 0.00.</li>
 * </ol>
 */
public class CreditNotesScenarioTest {
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T09:00:00Z");

    private final SettableClock clock = new SettableClock(MARCH_1);
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(ports(provider), SeedCatalogs.apex(), clock,
            BillingSettings.defaults());
    private final CustomerId vela = CustomerId.of("cus_vela");
    private final Actor admin = new Actor("admin@billkit", "10.0.0.9", "console");

    /** The stores the scenario runs on: in memory here (a subclass may run it on PostgreSQL). */
    protected BillingPorts ports(MockPaymentProvider provider) {
        return InMemoryBillingPorts.create(provider);
    }

    @Test
    public void a_partial_refund_a_dashboard_refund_and_a_balance_credit_on_a_three_line_invoice() {
        provider.onEvent(billing.handleProviderEvent()::handle); // webhooks, as the HTTP adapter would deliver them
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(vela, "Vela Media", "billing@vela.example",
                ZoneOffset.UTC, new BigDecimal("0.19"), 30, "1 Main St"), APP));
        billing.subscribe().subscribe(new SubscribeCommand(vela, PlanCode.of("scale"), APP));
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        record(billing, List.of(
                event("imp-1", vela, IMPRESSIONS, "50200000", clock.instant()),
                event("api-1", vela, API_CALLS, "5123500", clock.instant())));

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        InvoiceView march = ScenarioKit.invoice(billing, closed.created().get(0), vela);
        assertThat(march.lines()).extracting(l -> l.amount()).containsExactly(usd("1999.00"), usd("100.00"), usd("12.40"));
        assertThat(march.subtotal()).isEqualTo(usd("2111.40"));
        assertThat(march.tax()).isEqualTo(usd("401.17"));
        assertThat(march.total()).isEqualTo(usd("2512.57"));
        String providerInvoice = march.providerInvoiceId().orElseThrow();
        provider.payInvoice(providerInvoice, "autopay-" + providerInvoice);
        assertThat(ScenarioKit.invoice(billing, march.id(), vela).status()).isEqualTo(InvoiceStatus.PAID);

        // 1. a partial refund: line 1 whole and half of line 2
        clock.set(Instant.parse("2026-04-02T10:00:00Z"));
        CreditNoteView first = billing.issueCreditNote().issue(new IssueCreditNoteCommand(march.id(),
                List.of(new LineCredit(1, Optional.empty()), new LineCredit(2, Optional.of(usd("6.20")))),
                CreditNoteReason.PRODUCT_UNSATISFACTORY, "Impressions double-counted on March 10",
                CreditNoteSettlement.REFUND, admin));
        CreditNote note = first.note();
        assertThat(note.number()).isEqualTo(CreditNoteNumber.of(2026, 1));
        assertThat(note.invoiceNumber()).isEqualTo(march.number().map(n -> io.billkit.domain.invoice.InvoiceNumber.parse(n)).orElseThrow());
        assertThat(note.subtotal()).isEqualTo(usd("106.20"));
        assertThat(note.tax()).isEqualTo(usd("20.18"));
        assertThat(note.total()).isEqualTo(usd("126.38"));
        assertThat(note.refundState()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(note.providerRefund()).isPresent();
        assertThat(first.remainingOnInvoice()).isEqualTo(usd("2386.19"));
        assertThat(calls(provider, "refundInvoicePayment")).singleElement().satisfies(call -> {
            assertThat(call.idempotencyKey()).isEqualTo("refund-" + note.id().value());
            assertThat(call.arguments()).containsExactly(providerInvoice, "USD 126.38");
        });
        // the provider's charge.refunded for BillKit's own refund came back: no second note
        assertThat(billing.creditNotes().forInvoice(march.id(), Optional.of(vela))).hasSize(1);
        assertThat(audit(billing, vela, "provider.event")).last()
                .satisfies(e -> assertThat(e.data()).containsEntry("type", "ChargeRefunded")
                        .containsEntry("result", "IGNORED").containsEntry("ownRefunds", note.providerRefund().get()));
        assertThat(audit(billing, vela, "credit_note.issued")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("admin@billkit"));
        assertThat(audit(billing, vela, "credit_note.refunded")).hasSize(1);

        // 2. more than is left of line 2 is refused, and takes no number
        assertThatThrownBy(() -> billing.issueCreditNote().issue(new IssueCreditNoteCommand(march.id(),
                List.of(new LineCredit(2, Optional.of(usd("6.21")))), CreditNoteReason.OTHER, "",
                CreditNoteSettlement.REFUND, admin)))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE))
                .hasMessageContaining("USD 6.20 left");
        assertThatThrownBy(() -> billing.issueCreditNote().issue(new IssueCreditNoteCommand(march.id(),
                List.of(new LineCredit(1, Optional.of(usd("0.01")))), CreditNoteReason.OTHER, "",
                CreditNoteSettlement.CUSTOMER_BALANCE, admin)))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE));

        // 3. a refund made in the provider's dashboard becomes a note once
        provider.refundInDashboard(providerInvoice, usd("11.90"));
        List<CreditNoteView> notes = billing.creditNotes().forInvoice(march.id(), Optional.of(vela));
        assertThat(notes).hasSize(2);
        CreditNote dashboard = notes.get(1).note();
        assertThat(dashboard.number()).isEqualTo(CreditNoteNumber.of(2026, 2));
        assertThat(dashboard.origin()).isEqualTo(CreditNoteOrigin.PROVIDER);
        assertThat(dashboard.subtotal()).isEqualTo(usd("10.00"));
        assertThat(dashboard.tax()).isEqualTo(usd("1.90"));
        assertThat(dashboard.lines()).singleElement().satisfies(l -> assertThat(l.invoiceLine()).isZero());
        assertThat(notes.get(1).remainingOnInvoice()).isEqualTo(usd("2374.29"));
        ProviderEvent.ChargeRefunded redelivered = new ProviderEvent.ChargeRefunded(
                new ProviderEvent.Meta("evt_again", clock.instant(), "ch_" + providerInvoice), Optional.empty(),
                Optional.of(usd("138.28")), Optional.of(providerInvoice),
                List.of(new ProviderEvent.Refund(dashboard.providerRefund().orElseThrow(), usd("11.90"), Optional.empty()),
                        new ProviderEvent.Refund(note.providerRefund().orElseThrow(), usd("126.38"),
                                Optional.of(note.id().value()))));
        assertThat(billing.handleProviderEvent().handle(redelivered)).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(billing.creditNotes().forInvoice(march.id(), Optional.empty())).hasSize(2);

        // 4. credit to the customer's balance
        CreditNoteView toBalance = billing.issueCreditNote().issue(new IssueCreditNoteCommand(march.id(),
                List.of(new LineCredit(0, Optional.of(usd("500.00")))), CreditNoteReason.ORDER_CHANGE, "",
                CreditNoteSettlement.CUSTOMER_BALANCE, admin));
        assertThat(toBalance.note().number()).isEqualTo(CreditNoteNumber.of(2026, 3));
        assertThat(toBalance.note().tax()).isEqualTo(usd("95.00"));
        assertThat(toBalance.note().total()).isEqualTo(usd("595.00"));
        assertThat(toBalance.note().refundState()).isEqualTo(RefundState.NOT_REFUNDED);
        assertThat(toBalance.remainingOnInvoice()).isEqualTo(usd("1779.29"));
        assertThat(billing.customerBalance().balance(vela, Money.currency("USD")).balance()).isEqualTo(usd("595.00"));
        assertThat(calls(provider, "refundInvoicePayment")).hasSize(1);

        // a foreign tenant sees none of it
        CustomerId other = CustomerId.of("cus_other");
        assertThatThrownBy(() -> billing.creditNotes().forInvoice(march.id(), Optional.of(other)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> billing.creditNote().get(note.id(), Optional.of(other)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        String pdf = new String(billing.renderCreditNotePdf().render(note.id(), Optional.of(vela)).content(),
                StandardCharsets.UTF_8);
        assertThat(pdf).contains("CREDIT NOTE CN-2026-000001 (REFUNDED)", "Credit note for invoice " + march.number().get(),
                "Total: USD 126.38");

        // 5. the April invoice takes the balance after tax
        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        ClosePeriodResult april = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(april.failures()).isEmpty();
        InvoiceView next = ScenarioKit.invoice(billing, april.created().get(0), vela);
        assertThat(next.total()).isEqualTo(usd("2378.81"));
        assertThat(next.amountPaid()).isEqualTo(usd("595.00"));
        assertThat(next.amountDue()).isEqualTo(usd("1783.81"));
        assertThat(next.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(billing.customerBalance().balance(vela, Money.currency("USD")).balance()).isEqualTo(usd("0.00"));
        assertThat(calls(provider, "createInvoice")).last().satisfies(call -> assertThat(call.arguments())
                .contains("Customer balance applied=USD -595.00"));
        assertThat(provider.invoice(next.providerInvoiceId().orElseThrow()).orElseThrow().total())
                .isEqualTo(usd("1783.81"));
        assertThatThrownBy(() -> billing.issueCreditNote().issue(new IssueCreditNoteCommand(next.id(), List.of(),
                CreditNoteReason.DUPLICATE, "", CreditNoteSettlement.REFUND, admin)))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));

        // the printed invoice owes what the API says (the balance paid part of it)
        String aprilPdf = new String(billing.renderInvoicePdf().render(new io.billkit.application.port.in.invoice
                .GetInvoiceQuery(next.id(), Optional.of(vela))).content(), StandardCharsets.UTF_8);
        assertThat(aprilPdf).contains("Amount due: USD 1783.81").doesNotContain("Amount due: USD 2378.81");

        // voiding the April invoice gives the 595.00 back to the balance, once
        billing.voidInvoice().voidInvoice(new io.billkit.application.port.in.invoice.VoidInvoiceCommand(next.id(),
                "issued in error", admin));
        assertThat(billing.customerBalance().balance(vela, Money.currency("USD")).balance()).isEqualTo(usd("595.00"));
        assertThat(audit(billing, vela, "invoice.voided")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("balanceReturned", "595.00"));
        billing.voidInvoice().voidInvoice(new io.billkit.application.port.in.invoice.VoidInvoiceCommand(next.id(),
                "again", admin));
        assertThat(billing.ports().creditNotes().balances().giveBack(vela, next.id(), Money.currency("USD"),
                clock.instant())).isEqualTo(usd("0.00"));
        assertThat(billing.customerBalance().balance(vela, Money.currency("USD")).balance()).isEqualTo(usd("595.00"));

        List<OutboxEvent> events = billing.ports().outbox().unpublished(1000);
        assertThat(events).filteredOn(e -> e.type().equals("credit_note.issued")).hasSize(3);
        assertThat(events).filteredOn(e -> e.type().equals("credit_note.refunded")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("total", "126.38"));
    }
}

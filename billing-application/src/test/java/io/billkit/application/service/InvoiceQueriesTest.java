package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.InvoicePage;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.VoidInvoiceCommand;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListInvoices, GetInvoice and VoidInvoice over invoices made by period close. */
class InvoiceQueriesTest {
    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private ListInvoicesService list;
    private GetInvoiceService get;
    private VoidInvoiceService voids;
    private Customer apex;
    private Customer other;

    @BeforeEach
    void fourMonthsOfInvoices() {
        list = new ListInvoicesService(bed.invoices, bed.references);
        get = new GetInvoiceService(bed.invoices, bed.references);
        voids = new VoidInvoiceService(bed.invoices, bed.references, bed.provider, bed.outbox, bed.tx, bed.audit,
                bed.clock);
        apex = bed.customer("cus_apex", "0.20");
        other = bed.customer("cus_other", "0");
        bed.subscribe(apex, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.subscribe(other, "starter", Instant.parse("2026-01-01T00:00:00Z"));
        bed.usage.add(apex.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), "12500000");
        for (int month = 2; month <= 5; month++) {
            bed.clock.set(Instant.parse(String.format("2026-%02d-01T02:00:00Z", month)));
            assertThat(bed.runClose().failures()).isEmpty();
        }
    }

    private ListInvoicesQuery page(int page, int limit) {
        return new ListInvoicesQuery(apex.id(), page, limit, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void invoices_are_paged_newest_period_first() {
        InvoicePage first = list.list(page(1, 3));
        InvoicePage second = list.list(page(2, 3));

        assertThat(first.total()).isEqualTo(4);
        assertThat(first.page()).isEqualTo(1);
        assertThat(first.limit()).isEqualTo(3);
        assertThat(first.items()).extracting(InvoiceView::periodStart).containsExactly(
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1));
        assertThat(second.items()).extracting(InvoiceView::number)
                .containsExactly(Optional.of("INV-2026-000001"));
        assertThat(second.items().get(0).total()).isEqualTo(Money.of("2098.80", "USD"));
        assertThat(list.list(page(3, 3)).items()).isEmpty();
    }

    @Test
    void filters_by_status_and_period_start() {
        InvoiceView march = list.list(page(1, 10)).items().get(1);
        voids.voidInvoice(new VoidInvoiceCommand(march.id(), "duplicate", Actor.of("admin-1")));

        InvoicePage voided = list.list(new ListInvoicesQuery(apex.id(), 1, 10, Optional.of(InvoiceStatus.VOID),
                Optional.empty(), Optional.empty()));
        InvoicePage februaryToMarch = list.list(new ListInvoicesQuery(apex.id(), 1, 10, Optional.empty(),
                Optional.of(LocalDate.of(2026, 2, 1)), Optional.of(LocalDate.of(2026, 3, 1))));

        assertThat(voided.items()).extracting(InvoiceView::id).containsExactly(march.id());
        assertThat(voided.total()).isEqualTo(1);
        assertThat(februaryToMarch.items()).extracting(InvoiceView::periodStart)
                .containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 2, 1));
    }

    @Test
    void a_customer_reads_its_own_invoice_with_lines_totals_and_provider_id() {
        InvoiceView january = list.list(page(2, 3)).items().get(0);

        InvoiceView read = get.get(new GetInvoiceQuery(january.id(), Optional.of(apex.id())));

        assertThat(read.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(read.lines()).extracting(line -> line.kind()).containsExactly("base_fee", "usage");
        assertThat(read.lines().get(1).quantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("2500000"));
        assertThat(read.lines().get(1).unitPrice()).isPresent();
        assertThat(read.subtotal()).isEqualTo(Money.of("1749.00", "USD"));
        assertThat(read.tax()).isEqualTo(Money.of("349.80", "USD"));
        assertThat(read.amountDue()).isEqualTo(Money.of("2098.80", "USD"));
        assertThat(read.periodEnd()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(read.dueDate()).contains(LocalDate.of(2026, 3, 3));
        assertThat(read.providerInvoiceId()).isPresent();
    }

    @Test
    void another_customers_invoice_is_not_found() {
        InvoiceId apexInvoice = list.list(page(1, 1)).items().get(0).id();

        assertThatThrownBy(() -> get.get(new GetInvoiceQuery(apexInvoice, Optional.of(other.id()))))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> get.get(new GetInvoiceQuery(InvoiceId.of("inv_unknown"), Optional.empty())))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(get.get(new GetInvoiceQuery(apexInvoice, Optional.empty())).customer()).isEqualTo(apex.id());
    }

    @Test
    void voiding_voids_locally_and_at_the_provider_with_an_audit_entry() {
        InvoiceView invoice = list.list(page(1, 1)).items().get(0);
        String providerInvoice = invoice.providerInvoiceId().orElseThrow();

        InvoiceView voided = voids.voidInvoice(new VoidInvoiceCommand(invoice.id(), "customer churned", Actor.of("admin-1")));
        InvoiceView again = voids.voidInvoice(new VoidInvoiceCommand(invoice.id(), "customer churned", Actor.of("admin-1")));

        assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(voided.amountDue().isZero()).isTrue();
        assertThat(again.status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(bed.provider.invoice(providerInvoice).orElseThrow().status()).isEqualTo(ProviderInvoiceStatus.VOID);
        assertThat(bed.provider.callNames()).filteredOn("voidInvoice"::equals).hasSize(1);
        assertThat(bed.audit("invoice.voided")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("admin-1");
            assertThat(entry.data()).containsEntry("reason", "customer churned").containsEntry("previousStatus", "OPEN");
        });
    }

    @Test
    void a_provider_failure_while_voiding_leaves_the_invoice_open() {
        InvoiceView invoice = list.list(page(1, 1)).items().get(0);
        bed.provider.failNextCall(io.billkit.application.inmemory.MockPaymentProvider.Failure.TIMEOUT);

        assertThatThrownBy(() -> voids.voidInvoice(new VoidInvoiceCommand(invoice.id(), "oops", Actor.of("admin-1"))))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));

        assertThat(get.get(new GetInvoiceQuery(invoice.id(), Optional.empty())).status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(bed.audit("invoice.voided")).isEmpty();
    }
}

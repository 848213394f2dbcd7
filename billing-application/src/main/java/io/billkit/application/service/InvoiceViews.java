package io.billkit.application.service;

import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.money.Money;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Maps invoices to the views of {@code port.in.invoice}, and loads invoices the way readers may see them. */
final class InvoiceViews {
    /** Reference kind linking a BillKit invoice to the provider's invoice. */
    static final String INVOICE_REF = "invoice";

    private final InvoiceStore invoices;
    private final ProviderReferenceStore references;

    private final CustomerBalanceStore balances;

    InvoiceViews(InvoiceStore invoices, ProviderReferenceStore references) {
        this(invoices, references, CustomerBalanceStore.NONE);
    }

    /** Views whose amount paid includes what the customer's money balance paid (amount due is what is left). */
    InvoiceViews(InvoiceStore invoices, ProviderReferenceStore references, CustomerBalanceStore balances) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.references = Objects.requireNonNull(references, "references");
        this.balances = Objects.requireNonNull(balances, "balances");
    }

    /**
     * The invoice {@code id}; NOT_FOUND when absent or, with {@code owner} present, when it belongs to
     * another customer (never FORBIDDEN, so other tenants' ids don't leak).
     */
    Invoice load(InvoiceId id, Optional<CustomerId> owner) {
        return load(invoices, id, owner);
    }

    static Invoice load(InvoiceStore invoices, InvoiceId id, Optional<CustomerId> owner) {
        return invoices.find(id)
                .filter(invoice -> owner.map(invoice.customerId()::equals).orElse(true))
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "invoice " + id + " not found"));
    }

    InvoiceView view(Invoice invoice) {
        return view(invoice, references.providerId(INVOICE_REF, invoice.id().value()),
                balances.appliedTo(invoice.id(), invoice.currency()));
    }

    /** The views of {@code page}, in its order, with the provider ids of all of them asked in one call. */
    List<InvoiceView> views(List<Invoice> page) {
        Map<String, String> providerIds = page.isEmpty() ? Map.of()
                : references.providerIds(INVOICE_REF, page.stream().map(invoice -> invoice.id().value()).toList());
        Map<InvoiceId, Money> fromBalance = new java.util.HashMap<>();
        if (balances != CustomerBalanceStore.NONE) {
            page.stream().map(Invoice::currency).distinct().forEach(currency -> fromBalance.putAll(balances.appliedTo(
                    page.stream().filter(i -> i.currency().equals(currency)).map(Invoice::id).toList(), currency)));
        }
        return page.stream()
                .map(invoice -> view(invoice, Optional.ofNullable(providerIds.get(invoice.id().value())),
                        fromBalance.getOrDefault(invoice.id(), Money.zero(invoice.currency()))))
                .toList();
    }

    private static InvoiceView view(Invoice invoice, Optional<String> providerId, Money fromBalance) {
        InvoiceTotals totals = invoice.totals();
        Money amountDue = invoice.status() == InvoiceStatus.VOID ? Money.zero(invoice.currency()) : totals.amountDue();
        Money amountPaid = totals.amountPaid();
        if (fromBalance.isPositive() && invoice.status() != InvoiceStatus.PAID && invoice.status() != InvoiceStatus.VOID) {
            amountPaid = amountPaid.plus(fromBalance);
            amountDue = amountDue.minus(fromBalance).max(Money.zero(invoice.currency()));
        }
        return new InvoiceView(invoice.id(), invoice.customerId(), invoice.subscriptionId(),
                invoice.number().map(InvoiceNumber::toString), invoice.status(), invoice.periodStart(),
                invoice.periodEndExclusive(), invoice.currency(), lines(invoice.lines()), totals.subtotal(),
                totals.credits(), totals.tax(), totals.total(), amountPaid, amountDue,
                invoice.finalizedAt(), invoice.dueDate(), providerId, invoice.tax().lines(),
                invoice.tax().inclusion() == TaxInclusion.INCLUSIVE, invoice.tax().notes(), kind(invoice));
    }

    /** {@code period_end} or {@code threshold} (progressive billing's mid-period invoice). */
    static String kind(Invoice invoice) {
        return invoice.isThreshold() ? "threshold" : "period_end";
    }

    static List<InvoiceLineView> lines(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceViews::line).toList();
    }

    static InvoiceLineView line(InvoiceLine line) {
        if (line instanceof InvoiceLine.UsageLine usage) {
            return new InvoiceLineView(kind(line), line.description(), Optional.of(usage.meter()),
                    Optional.of(usage.billableQuantity()), Optional.of(usage.priceDescription()), line.amount());
        }
        if (line instanceof InvoiceLine.ThresholdBilledLine billed) {
            return new InvoiceLineView(kind(line), line.description(), Optional.of(billed.meter()), Optional.empty(),
                    Optional.empty(), line.amount());
        }
        if (line instanceof InvoiceLine.DiscountLine discount) {
            return new InvoiceLineView(kind(line), line.description(), Optional.empty(), Optional.empty(),
                    Optional.empty(), line.amount(), Optional.of(discount.coupon().value()),
                    Optional.of(discount.appliesTo()));
        }
        return new InvoiceLineView(kind(line), line.description(), Optional.empty(), Optional.empty(),
                Optional.empty(), line.amount());
    }

    /** {@code base_fee}, {@code usage}, {@code proration}, {@code credit}, {@code discount}, {@code threshold_billed} or {@code adjustment}. */
    static String kind(InvoiceLine line) {
        if (line instanceof InvoiceLine.BaseFeeLine) {
            return "base_fee";
        } else if (line instanceof InvoiceLine.UsageLine) {
            return "usage";
        } else if (line instanceof InvoiceLine.ProrationLine) {
            return "proration";
        } else if (line instanceof InvoiceLine.CreditAppliedLine) {
            return "credit";
        } else if (line instanceof InvoiceLine.DiscountLine) {
            return "discount";
        } else if (line instanceof InvoiceLine.ThresholdBilledLine) {
            return "threshold_billed";
        }
        return "adjustment";
    }
}

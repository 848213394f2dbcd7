package io.billkit.application.inmemory;

import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CreditNoteStore} in memory. Transactions run one at a time, so {@link #lockInvoice} needs no lock of its
 * own; the number series is written through {@link InMemoryTransactions}, so a rollback gives its number back.
 */
public final class InMemoryCreditNoteStore implements CreditNoteStore {
    private final InMemoryTransactions tx;
    private final Map<CreditNoteId, CreditNote> byId = new LinkedHashMap<>();
    private final Map<String, CreditNoteId> byRefund = new HashMap<>();
    private final Map<Integer, Long> lastNumberByYear = new HashMap<>();

    public InMemoryCreditNoteStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void insert(CreditNote note) {
        Objects.requireNonNull(note, "note");
        tx.inTransaction(() -> {
            if (byId.containsKey(note.id())) {
                throw new BillingException(ErrorCode.CONFLICT, "credit note " + note.id() + " already exists");
            }
            boolean numberTaken = byId.values().stream().anyMatch(n -> n.number().equals(note.number()));
            if (numberTaken) {
                throw new BillingException(ErrorCode.CONFLICT, "credit note number " + note.number() + " is taken");
            }
            note.providerRefund().ifPresent(refund -> {
                if (byRefund.containsKey(refund)) {
                    throw new BillingException(ErrorCode.CONFLICT, "refund " + refund + " already has a credit note");
                }
                tx.put(byRefund, refund, note.id());
            });
            tx.put(byId, note.id(), note);
            return null;
        });
    }

    @Override
    public void update(CreditNote note) {
        Objects.requireNonNull(note, "note");
        tx.inTransaction(() -> {
            CreditNote stored = byId.get(note.id());
            if (stored == null) {
                throw new BillingException(ErrorCode.NOT_FOUND, "credit note " + note.id() + " not found");
            }
            note.providerRefund().filter(refund -> !stored.providerRefund().equals(Optional.of(refund))).ifPresent(refund -> {
                if (byRefund.containsKey(refund)) {
                    throw new BillingException(ErrorCode.CONFLICT, "refund " + refund + " already has a credit note");
                }
                tx.put(byRefund, refund, note.id());
            });
            tx.put(byId, note.id(), note);
            return null;
        });
    }

    @Override
    public Optional<CreditNote> find(CreditNoteId id) {
        Objects.requireNonNull(id, "id");
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<CreditNote> byInvoice(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.read(() -> byId.values().stream().filter(n -> n.invoiceId().equals(invoice))
                .sorted(Comparator.comparing(CreditNote::number)).toList());
    }

    @Override
    public List<CreditNote> lockInvoice(InvoiceId invoice) {
        return byInvoice(invoice);
    }

    @Override
    public List<CreditNote> byCustomer(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be 1..1000 but was " + limit);
        return tx.read(() -> {
            List<CreditNote> notes = new ArrayList<>(byId.values().stream()
                    .filter(n -> n.customerId().equals(customer)).toList());
            notes.sort(Comparator.comparing(CreditNote::issuedAt).thenComparing(CreditNote::number).reversed());
            return List.copyOf(notes.subList(0, Math.min(limit, notes.size())));
        });
    }

    @Override
    public Optional<CreditNote> findByProviderRefund(String refundId) {
        Objects.requireNonNull(refundId, "refundId");
        return tx.read(() -> Optional.ofNullable(byRefund.get(refundId)).map(byId::get));
    }

    @Override
    public CreditNoteNumber nextNumber(int year) {
        return tx.inTransaction(() -> {
            long next = lastNumberByYear.getOrDefault(year, 0L) + 1;
            CreditNoteNumber number = CreditNoteNumber.of(year, next);
            tx.put(lastNumberByYear, year, next);
            return number;
        });
    }
}

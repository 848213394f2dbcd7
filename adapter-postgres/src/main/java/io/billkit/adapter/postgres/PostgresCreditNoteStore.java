package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteLine;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.creditnote.CreditNoteOrigin;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.creditnote.RefundState;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.money.Money;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CreditNoteStore} on {@code credit_notes} and {@code credit_note_lines}. Reads are one query each (notes joined
 * with their lines, ordered); {@link #lockInvoice} takes the invoice row {@code FOR UPDATE} first, so issuers of the
 * same invoice queue up; {@link #nextNumber} is one upsert on the year's row of {@code credit_note_number_sequences}
 * ({@code RETURNING last_value}), locked until the transaction ends and undone by a rollback: gapless. A second note of
 * the same provider refund violates its unique index: CONFLICT.
 */
final class PostgresCreditNoteStore implements CreditNoteStore {
    private static final String SELECT = """
            SELECT n.id, n.number_year, n.number_sequence, n.invoice_id, n.invoice_number, n.customer_id, n.currency,
                   n.reason, n.memo, n.settlement, n.origin, n.subtotal, n.tax, n.total, n.tax_rate, n.issued_at,
                   n.refund_state, n.provider_refund, l.position, l.invoice_line, l.description, l.amount
            FROM credit_notes n JOIN credit_note_lines l ON l.credit_note_id = n.id
            """;

    private final JdbiTransactions tx;

    PostgresCreditNoteStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void insert(CreditNote note) {
        Objects.requireNonNull(note, "note");
        tx.useHandle(RowScope.customer(note.customerId()), h -> {
            h.createUpdate("""
                            INSERT INTO credit_notes (id, number_year, number_sequence, invoice_id, invoice_number, customer_id,
                                currency, reason, memo, settlement, origin, subtotal, tax, total, tax_rate, issued_at,
                                refund_state, provider_refund)
                            VALUES (:id, :year, :sequence, :invoice, :invoiceNumber, :customer, :currency, :reason, :memo,
                                :settlement, :origin, :subtotal, :tax, :total, :taxRate, :issuedAt, :refundState,
                                :providerRefund)""")
                    .bind("id", note.id().value())
                    .bind("year", note.number().year())
                    .bind("sequence", note.number().sequence())
                    .bind("invoice", note.invoiceId().value())
                    .bind("invoiceNumber", note.invoiceNumber().toString())
                    .bind("customer", note.customerId().value())
                    .bind("currency", note.currency().getCurrencyCode())
                    .bind("reason", note.reason().name())
                    .bind("memo", note.memo())
                    .bind("settlement", note.settlement().name())
                    .bind("origin", note.origin().name())
                    .bind("subtotal", note.subtotal().amount())
                    .bind("tax", note.tax().amount())
                    .bind("total", note.total().amount())
                    .bind("taxRate", note.taxRate())
                    .bind("issuedAt", SqlValues.timestamp(note.issuedAt()))
                    .bind("refundState", note.refundState().name())
                    .bind("providerRefund", note.providerRefund().orElse(null))
                    .execute();
            PreparedBatch lines = h.prepareBatch("""
                    INSERT INTO credit_note_lines (credit_note_id, position, customer_id, invoice_line, description, amount)
                    VALUES (:note, :position, :customer, :invoiceLine, :description, :amount)""");
            int position = 0;
            for (CreditNoteLine line : note.lines()) {
                lines.bind("note", note.id().value()).bind("position", position++)
                        .bind("customer", note.customerId().value()).bind("invoiceLine", line.invoiceLine())
                        .bind("description", line.description()).bind("amount", line.amount().amount()).add();
            }
            lines.execute();
        });
    }

    @Override
    public void update(CreditNote note) {
        Objects.requireNonNull(note, "note");
        int updated = tx.withHandle(RowScope.customer(note.customerId()), h -> h.createUpdate("""
                        UPDATE credit_notes SET refund_state = :refundState, provider_refund = :providerRefund
                        WHERE id = :id""")
                .bind("id", note.id().value())
                .bind("refundState", note.refundState().name())
                .bind("providerRefund", note.providerRefund().orElse(null))
                .execute());
        if (updated == 0) {
            throw new BillingException(ErrorCode.NOT_FOUND, "credit note " + note.id() + " not found");
        }
    }

    @Override
    public Optional<CreditNote> find(CreditNoteId id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.system(), h -> read(h, "WHERE n.id = :value ORDER BY l.position", id.value()))
                .stream().findFirst();
    }

    @Override
    public List<CreditNote> byInvoice(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.withHandle(RowScope.system(), h -> read(h,
                "WHERE n.invoice_id = :value ORDER BY n.number_year, n.number_sequence, l.position", invoice.value()));
    }

    @Override
    public List<CreditNote> lockInvoice(InvoiceId invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return tx.withHandle(RowScope.system(), h -> {
            h.createQuery("SELECT id FROM invoices WHERE id = :id FOR UPDATE").bind("id", invoice.value())
                    .mapTo(String.class).findOne();
            return read(h, "WHERE n.invoice_id = :value ORDER BY n.number_year, n.number_sequence, l.position",
                    invoice.value());
        });
    }

    @Override
    public List<CreditNote> byCustomer(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be 1..1000 but was " + limit);
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery(SELECT + """
                        WHERE n.id IN (SELECT id FROM credit_notes WHERE customer_id = :customer
                                       ORDER BY issued_at DESC, number_year DESC, number_sequence DESC LIMIT :limit)
                        ORDER BY n.issued_at DESC, n.number_year DESC, n.number_sequence DESC, l.position""")
                .bind("customer", customer.value())
                .bind("limit", limit)
                .reduceResultSet(new LinkedHashMap<String, Builder>(), PostgresCreditNoteStore::accumulate))
                .values().stream().map(Builder::build).toList();
    }

    @Override
    public Optional<CreditNote> findByProviderRefund(String refundId) {
        Objects.requireNonNull(refundId, "refundId");
        return tx.withHandle(RowScope.system(), h -> read(h, "WHERE n.provider_refund = :value ORDER BY l.position",
                refundId)).stream().findFirst();
    }

    @Override
    public CreditNoteNumber nextNumber(int year) {
        BillingException.require(year >= 1000 && year <= 9999, "credit note year must be 1000..9999 but was " + year);
        long sequence = tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        INSERT INTO credit_note_number_sequences (year, last_value) VALUES (:year, 1)
                        ON CONFLICT (year) DO UPDATE SET last_value = credit_note_number_sequences.last_value + 1
                        RETURNING last_value""")
                .bind("year", year)
                .mapTo(Long.class)
                .one());
        return CreditNoteNumber.of(year, sequence);
    }

    private static List<CreditNote> read(Handle h, String where, String value) {
        return h.createQuery(SELECT + where)
                .bind("value", value)
                .reduceResultSet(new LinkedHashMap<String, Builder>(), PostgresCreditNoteStore::accumulate)
                .values().stream().map(Builder::build).toList();
    }

    private static LinkedHashMap<String, Builder> accumulate(LinkedHashMap<String, Builder> notes, ResultSet rs,
                                                             org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        String id = rs.getString("id");
        Builder builder = notes.get(id);
        if (builder == null) {
            builder = new Builder(rs);
            notes.put(id, builder);
        }
        builder.lines.add(new CreditNoteLine(rs.getInt("invoice_line"), rs.getString("description"),
                Money.of(rs.getBigDecimal("amount"), builder.currency)));
        return notes;
    }

    /** One note's columns while its lines are read. */
    private static final class Builder {
        private final String id;
        private final CreditNoteNumber number;
        private final String invoiceId;
        private final String invoiceNumber;
        private final String customerId;
        private final Currency currency;
        private final String reason;
        private final String memo;
        private final String settlement;
        private final String origin;
        private final BigDecimal subtotal;
        private final BigDecimal tax;
        private final BigDecimal total;
        private final BigDecimal taxRate;
        private final Instant issuedAt;
        private final String refundState;
        private final String providerRefund;
        private final List<CreditNoteLine> lines = new ArrayList<>();

        Builder(ResultSet rs) throws SQLException {
            id = rs.getString("id");
            number = CreditNoteNumber.of(rs.getInt("number_year"), rs.getLong("number_sequence"));
            invoiceId = rs.getString("invoice_id");
            invoiceNumber = rs.getString("invoice_number");
            customerId = rs.getString("customer_id");
            currency = Money.currency(rs.getString("currency"));
            reason = rs.getString("reason");
            memo = rs.getString("memo");
            settlement = rs.getString("settlement");
            origin = rs.getString("origin");
            subtotal = rs.getBigDecimal("subtotal");
            tax = rs.getBigDecimal("tax");
            total = rs.getBigDecimal("total");
            taxRate = rs.getBigDecimal("tax_rate");
            issuedAt = SqlValues.instant(rs, "issued_at");
            refundState = rs.getString("refund_state");
            providerRefund = rs.getString("provider_refund");
        }

        CreditNote build() {
            return new CreditNote(CreditNoteId.of(id), number, InvoiceId.of(invoiceId), InvoiceNumber.parse(invoiceNumber),
                    CustomerId.of(customerId), currency, CreditNoteReason.valueOf(reason), memo,
                    CreditNoteSettlement.valueOf(settlement), CreditNoteOrigin.valueOf(origin), lines,
                    Money.of(subtotal, currency), Money.of(tax, currency), Money.of(total, currency), taxRate, issuedAt,
                    RefundState.valueOf(refundState), Optional.ofNullable(providerRefund));
        }
    }

}

package io.billkit.adapter.postgres;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceKind;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.invoice.TaxTreatment;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link InvoiceStore} on {@code invoices}, {@code invoice_lines} and {@code invoice_number_sequences}.
 *
 * <ul>
 *   <li>{@link #insertIfAbsent}: {@code INSERT ... ON CONFLICT DO NOTHING}; a concurrent insert for the
 *       same period waits for the first and then inserts nothing (period-end invoices: the partial unique index
 *       {@code invoices_subscription_period_end_key}; threshold invoices: their derived id, the primary key). No conflict target on purpose: period
 *       close derives the invoice id from (subscription, period start), so a racing insert clashes on the
 *       primary key too, and with a target of (subscription_id, period_start) alone a clash on the
 *       non-arbiter primary key (possible when both inserts pass the arbiter pre-check together) would
 *       raise a unique violation instead of inserting nothing.</li>
 *   <li>{@link #nextNumber}: one upsert on the year's row, {@code RETURNING last_value}. The row stays
 *       locked until the caller's transaction ends and a rollback undoes the increment: gapless.</li>
 *   <li>{@link #claimDrafts}: {@code SELECT ... WHERE status = 'DRAFT' ORDER BY created_at
 *       FOR UPDATE SKIP LOCKED LIMIT n}: drafts locked by another transaction are skipped.</li>
 * </ul>
 * Lines are stored one row each ({@link InvoiceLineColumns}); they are rewritten by {@link #update} only
 * while the stored invoice is a DRAFT (lines are frozen afterwards). Reads by id, period or claim run in
 * the system scope (the caller does not name the customer); writes and lists in the customer's.
 */
final class PostgresInvoiceStore implements InvoiceStore {
    private static final String COLUMNS = "id, customer_id, subscription_id, number, status, currency, period_start,"
            + " period_end, tax_rate, payment_terms_days, finalized_at, due_date, paid_at, voided_at, uncollectible_at,"
            + " tax_inclusive, tax_fixed, tax_notes, kind";

    private final JdbiTransactions tx;

    PostgresInvoiceStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** An {@code invoices} row (the stored totals are written for reports, not read back). */
    record InvoiceRow(String id, String customerId, String subscriptionId, String number, String status, String currency,
                      LocalDate periodStart, LocalDate periodEnd, BigDecimal taxRate, int paymentTermsDays,
                      Instant finalizedAt, LocalDate dueDate, Instant paidAt, Instant voidedAt, Instant uncollectibleAt,
                      boolean taxInclusive, boolean taxFixed, String taxNotes, String kind) {
        static InvoiceRow of(Invoice i) {
            return new InvoiceRow(i.id().value(), i.customerId().value(), i.subscriptionId().value(),
                    i.number().map(InvoiceNumber::toString).orElse(null), i.status().name(),
                    i.currency().getCurrencyCode(), i.periodStart(), i.periodEndExclusive(), i.taxRate(),
                    i.paymentTermsDays(), i.finalizedAt().orElse(null), i.dueDate().orElse(null),
                    i.paidAt().orElse(null), i.voidedAt().orElse(null), i.uncollectibleAt().orElse(null),
                    i.tax().inclusion() == TaxInclusion.INCLUSIVE, i.tax().fixed(), String.join("\n", i.tax().notes()),
                    i.kind().name());
        }

        static InvoiceRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new InvoiceRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("subscription_id"),
                    rs.getString("number"), rs.getString("status"), rs.getString("currency"),
                    SqlValues.localDate(rs, "period_start"), SqlValues.localDate(rs, "period_end"),
                    rs.getBigDecimal("tax_rate"), rs.getInt("payment_terms_days"), SqlValues.instant(rs, "finalized_at"),
                    SqlValues.localDate(rs, "due_date"), SqlValues.instant(rs, "paid_at"),
                    SqlValues.instant(rs, "voided_at"), SqlValues.instant(rs, "uncollectible_at"),
                    rs.getBoolean("tax_inclusive"), rs.getBoolean("tax_fixed"), rs.getString("tax_notes"),
                    rs.getString("kind"));
        }

        Invoice toDomain(List<InvoiceLine> lines, List<TaxLine> taxLines) {
            java.util.Currency cur = Money.currency(currency);
            InvoiceTax tax = taxFixed
                    ? InvoiceTax.calculated(taxInclusive ? TaxInclusion.INCLUSIVE : TaxInclusion.EXCLUSIVE, taxLines,
                            taxNotes.isEmpty() ? List.of() : List.of(taxNotes.split("\n")))
                    : InvoiceTax.atRate(taxRate, cur, lines);
            return new Invoice(InvoiceId.of(id), CustomerId.of(customerId), SubscriptionId.of(subscriptionId),
                    cur, periodStart, periodEnd, InvoiceStatus.valueOf(status), lines,
                    Optional.ofNullable(number).map(InvoiceNumber::parse), tax, paymentTermsDays,
                    Optional.ofNullable(finalizedAt), Optional.ofNullable(dueDate), Optional.ofNullable(paidAt),
                    Optional.ofNullable(voidedAt), Optional.ofNullable(uncollectibleAt), InvoiceKind.valueOf(kind));
        }
    }

    /** An {@code invoice_lines} row. */
    record LineRow(String invoiceId, int lineNo, InvoiceLineColumns line) {
        static LineRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new LineRow(rs.getString("invoice_id"), rs.getInt("line_no"), InvoiceLineColumns.map(rs));
        }
    }

    @Override
    public boolean insertIfAbsent(Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        InvoiceRow row = InvoiceRow.of(invoice);
        InvoiceTotals totals = invoice.totals();
        return tx.withHandle(RowScope.customer(invoice.customerId()), h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO invoices (id, customer_id, subscription_id, number, status, currency, period_start,
                                period_end, tax_rate, payment_terms_days, finalized_at, due_date, paid_at, voided_at,
                                uncollectible_at, subtotal, credits, tax, total, tax_inclusive, tax_fixed, tax_notes, kind)
                            VALUES (:id, :customer, :subscription, :number, :status, :currency, :periodStart, :periodEnd,
                                :taxRate, :paymentTermsDays, :finalizedAt, :dueDate, :paidAt, :voidedAt, :uncollectibleAt,
                                :subtotal, :credits, :tax, :total, :taxInclusive, :taxFixed, :taxNotes, :kind)
                            ON CONFLICT DO NOTHING""")
                    .bind("id", row.id())
                    .bind("customer", row.customerId())
                    .bind("subscription", row.subscriptionId())
                    .bind("currency", row.currency())
                    .bind("periodStart", row.periodStart())
                    .bind("periodEnd", row.periodEnd())
                    .bind("paymentTermsDays", row.paymentTermsDays())
                    .bind("kind", row.kind())
                    .bindMap(changingColumns(row, totals))
                    .execute();
            if (inserted == 0) {
                return false;
            }
            insertLines(h, invoice);
            return true;
        });
    }

    /** The parameters an update may change (and the insert sets too). */
    private static Map<String, Object> changingColumns(InvoiceRow row, InvoiceTotals totals) {
        Map<String, Object> values = new HashMap<>();
        values.put("number", row.number());
        values.put("status", row.status());
        values.put("taxRate", row.taxRate());
        values.put("finalizedAt", SqlValues.timestamp(row.finalizedAt()));
        values.put("dueDate", row.dueDate());
        values.put("paidAt", SqlValues.timestamp(row.paidAt()));
        values.put("voidedAt", SqlValues.timestamp(row.voidedAt()));
        values.put("uncollectibleAt", SqlValues.timestamp(row.uncollectibleAt()));
        values.put("subtotal", totals.subtotal().amount());
        values.put("credits", totals.credits().amount());
        values.put("tax", totals.tax().amount());
        values.put("total", totals.total().amount());
        values.put("taxInclusive", row.taxInclusive());
        values.put("taxFixed", row.taxFixed());
        values.put("taxNotes", row.taxNotes());
        return values;
    }

    private static void insertLines(Handle h, Invoice invoice) {
        if (invoice.tax().fixed() && !invoice.tax().lines().isEmpty()) {
            PreparedBatch taxBatch = h.prepareBatch("INSERT INTO invoice_tax_lines (invoice_id, line_no, customer_id,"
                    + " description, rate, taxable, amount, treatment)"
                    + " VALUES (:invoice, :lineNo, :customer, :description, :rate, :taxable, :amount, :treatment)");
            int taxNo = 0;
            for (TaxLine line : invoice.tax().lines()) {
                taxBatch.bind("invoice", invoice.id().value()).bind("lineNo", ++taxNo)
                        .bind("customer", invoice.customerId().value()).bind("description", line.description())
                        .bind("rate", line.rate()).bind("taxable", line.taxable().amount())
                        .bind("amount", line.amount().amount()).bind("treatment", line.treatment().name()).add();
            }
            taxBatch.execute();
        }
        if (invoice.lines().isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO invoice_lines (invoice_id, line_no, customer_id, "
                + InvoiceLineColumns.COLUMNS + ") VALUES (:invoice, :lineNo, :customer, " + InvoiceLineColumns.PARAMETERS + ")");
        int lineNo = 0;
        for (InvoiceLine line : invoice.lines()) {
            InvoiceLineColumns.of(line).bindTo(batch)
                    .bind("invoice", invoice.id().value())
                    .bind("lineNo", ++lineNo)
                    .bind("customer", invoice.customerId().value())
                    .add();
        }
        batch.execute();
    }

    @Override
    public void update(Invoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        InvoiceRow row = InvoiceRow.of(invoice);
        InvoiceTotals totals = invoice.totals();
        tx.useHandle(RowScope.customer(invoice.customerId()), h -> {
            InvoiceRow stored = h.createQuery("SELECT " + COLUMNS + " FROM invoices WHERE id = :id FOR UPDATE")
                    .bind("id", row.id())
                    .map(InvoiceRow::map)
                    .findOne()
                    .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND, "invoice " + invoice.id() + " not found"));
            BillingException.require(stored.subscriptionId().equals(row.subscriptionId())
                            && stored.periodStart().equals(row.periodStart()),
                    "invoice " + invoice.id() + ": subscription and period cannot change");
            h.createUpdate("""
                            UPDATE invoices SET number = :number, status = :status, tax_rate = :taxRate,
                                finalized_at = :finalizedAt, due_date = :dueDate, paid_at = :paidAt, voided_at = :voidedAt,
                                uncollectible_at = :uncollectibleAt, subtotal = :subtotal, credits = :credits, tax = :tax,
                                total = :total, tax_inclusive = :taxInclusive, tax_fixed = :taxFixed,
                                tax_notes = :taxNotes, updated_at = now()
                            WHERE id = :id""")
                    .bind("id", row.id())
                    .bindMap(changingColumns(row, totals))
                    .execute();
            if (InvoiceStatus.valueOf(stored.status()) == InvoiceStatus.DRAFT) {
                h.createUpdate("DELETE FROM invoice_lines WHERE invoice_id = :id").bind("id", row.id()).execute();
                h.createUpdate("DELETE FROM invoice_tax_lines WHERE invoice_id = :id").bind("id", row.id()).execute();
                insertLines(h, invoice);
            }
        });
    }

    @Override
    public Optional<Invoice> find(InvoiceId id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.system(), h -> withLines(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM invoices WHERE id = :id")
                .bind("id", id.value())
                .map(InvoiceRow::map)
                .list())).stream().findFirst();
    }

    @Override
    public Optional<Invoice> findByPeriod(SubscriptionId subscription, LocalDate periodStart) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(periodStart, "periodStart");
        return tx.withHandle(RowScope.system(), h -> withLines(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM invoices WHERE subscription_id = :subscription AND period_start = :periodStart"
                        + " AND kind = 'PERIOD_END'")
                .bind("subscription", subscription.value())
                .bind("periodStart", periodStart)
                .map(InvoiceRow::map)
                .list())).stream().findFirst();
    }

    @Override
    public List<Invoice> thresholdInvoices(SubscriptionId subscription, LocalDate periodStart) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(periodStart, "periodStart");
        return tx.withHandle(RowScope.system(), h -> withLines(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM invoices WHERE subscription_id = :subscription AND period_start = :periodStart"
                        + " AND kind = 'THRESHOLD' ORDER BY seq")
                .bind("subscription", subscription.value())
                .bind("periodStart", periodStart)
                .map(InvoiceRow::map)
                .list()));
    }

    @Override
    public InvoiceNumber nextNumber(int year) {
        BillingException.require(year >= 1000 && year <= 9999, "invoice number year must be 1000..9999 but was " + year);
        long sequence = tx.withHandle(RowScope.system(), h -> h.createQuery("""
                        INSERT INTO invoice_number_sequences (year, last_value) VALUES (:year, 1)
                        ON CONFLICT (year) DO UPDATE SET last_value = invoice_number_sequences.last_value + 1
                        RETURNING last_value""")
                .bind("year", year)
                .mapTo(Long.class)
                .one());
        return InvoiceNumber.of(year, sequence);
    }

    @Override
    public List<Invoice> claimDrafts(int limit) {
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> withLines(h, h.createQuery("SELECT " + COLUMNS
                        + " FROM invoices WHERE status = 'DRAFT' ORDER BY created_at, seq"
                        + " FOR UPDATE SKIP LOCKED LIMIT :limit")
                .bind("limit", limit)
                .map(InvoiceRow::map)
                .list()));
    }

    @Override
    public List<Invoice> claimPushes(Instant now, Instant leaseUntil, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> {
            List<Invoice> claimed = withLines(h, h.createQuery("SELECT " + COLUMNS
                            + " FROM invoices WHERE status = 'OPEN' AND total > 0 AND pushed_at IS NULL"
                            + " AND (push_leased_until IS NULL OR push_leased_until <= :now)"
                            + " ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", SqlValues.timestamp(now))
                    .bind("limit", limit)
                    .map(InvoiceRow::map)
                    .list());
            if (!claimed.isEmpty()) {
                h.createUpdate("UPDATE invoices SET push_leased_until = :until WHERE id = ANY(CAST(:ids AS text[]))")
                        .bind("until", SqlValues.timestamp(leaseUntil))
                        .bindArray("ids", String.class, claimed.stream().map(i -> i.id().value()).toList())
                        .execute();
            }
            return claimed;
        });
    }

    @Override
    public boolean claimPush(InvoiceId id, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("UPDATE invoices SET push_leased_until = :until"
                        + " WHERE id = :id AND status = 'OPEN' AND total > 0 AND pushed_at IS NULL"
                        + " AND (push_leased_until IS NULL OR push_leased_until <= :now)")
                .bind("id", id.value())
                .bind("now", SqlValues.timestamp(now))
                .bind("until", SqlValues.timestamp(leaseUntil))
                .execute() == 1);
    }

    @Override
    public void releasePush(InvoiceId id) {
        Objects.requireNonNull(id, "id");
        tx.useHandle(RowScope.system(), h -> h.createUpdate(
                        "UPDATE invoices SET push_leased_until = NULL WHERE id = :id AND push_leased_until IS NOT NULL")
                .bind("id", id.value())
                .execute());
    }

    @Override
    public void markPushed(InvoiceId id) {
        Objects.requireNonNull(id, "id");
        tx.useHandle(RowScope.system(), h -> h.createUpdate(
                        "UPDATE invoices SET pushed_at = now() WHERE id = :id AND pushed_at IS NULL")
                .bind("id", id.value())
                .execute());
    }

    @Override
    public Page list(CustomerId customer, Filter filter, int offset, int limit) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(filter, "filter");
        BillingException.require(offset >= 0, "offset must not be negative but was " + offset);
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        String where = """
                 WHERE customer_id = :customer
                   AND (CAST(:status AS text) IS NULL OR status = :status)
                   AND (CAST(:from AS date) IS NULL OR period_start >= :from)
                   AND (CAST(:to AS date) IS NULL OR period_start <= :to)""";
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("customer", customer.value());
        parameters.put("status", filter.status().map(InvoiceStatus::name).orElse(null));
        parameters.put("from", filter.from().orElse(null));
        parameters.put("to", filter.to().orElse(null));
        return tx.withHandle(RowScope.customer(customer), h -> {
            long total = h.createQuery("SELECT count(*) FROM invoices " + where)
                    .bindMap(parameters)
                    .mapTo(Long.class)
                    .one();
            List<Invoice> items = withLines(h, h.createQuery("SELECT " + COLUMNS + " FROM invoices " + where
                            + " ORDER BY period_start DESC, seq DESC OFFSET :offset LIMIT :limit")
                    .bindMap(parameters)
                    .bind("offset", offset)
                    .bind("limit", limit)
                    .map(InvoiceRow::map)
                    .list());
            return new Page(items, total);
        });
    }

    /** The invoices of {@code rows}, in their order, with their lines (one query for all of them). */
    private static List<Invoice> withLines(Handle h, List<InvoiceRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<InvoiceLine>> lines = new HashMap<>();
        h.createQuery("SELECT invoice_id, line_no, " + InvoiceLineColumns.COLUMNS
                        + " FROM invoice_lines WHERE invoice_id = ANY(CAST(:ids AS text[])) ORDER BY invoice_id, line_no")
                .bindArray("ids", String.class, rows.stream().map(InvoiceRow::id).toList())
                .map(LineRow::map)
                .forEach(line -> lines.computeIfAbsent(line.invoiceId(), id -> new ArrayList<>()).add(line.line().toDomain()));
        Map<String, List<TaxLine>> taxLines = new HashMap<>();
        h.createQuery("SELECT t.invoice_id, t.description, t.rate, t.taxable, t.amount, t.treatment, i.currency"
                        + " FROM invoice_tax_lines t JOIN invoices i ON i.id = t.invoice_id"
                        + " WHERE t.invoice_id = ANY(CAST(:ids AS text[])) ORDER BY t.invoice_id, t.line_no")
                .bindArray("ids", String.class, rows.stream().map(InvoiceRow::id).toList())
                .map((rs, ctx) -> {
                    java.util.Currency cur = Money.currency(rs.getString("currency"));
                    return Map.entry(rs.getString("invoice_id"), new TaxLine(rs.getString("description"),
                            rs.getBigDecimal("rate"), Money.of(rs.getBigDecimal("taxable"), cur),
                            Money.of(rs.getBigDecimal("amount"), cur), TaxTreatment.valueOf(rs.getString("treatment"))));
                })
                .forEach(e -> taxLines.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return rows.stream().map(row -> row.toDomain(lines.getOrDefault(row.id(), List.of()),
                taxLines.getOrDefault(row.id(), List.of()))).toList();
    }
}

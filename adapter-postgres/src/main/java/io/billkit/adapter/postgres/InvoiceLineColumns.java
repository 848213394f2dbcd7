package io.billkit.adapter.postgres;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceLine.AdjustmentLine;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.CreditAppliedLine;
import io.billkit.domain.invoice.InvoiceLine.ProrationLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;
import org.jdbi.v3.core.statement.SqlStatement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The columns an {@link InvoiceLine} is stored in ({@code invoice_lines}, {@code pending_charges}): the
 * sealed type as {@code kind} plus every field of that type; the fields other kinds lack are NULL.
 *
 * @param kind             BASE_FEE, USAGE, PRORATION, CREDIT_APPLIED or ADJUSTMENT
 * @param planCode         BASE_FEE only
 * @param meter            USAGE only (as are the quantities and the price description)
 */
record InvoiceLineColumns(String kind, String description, BigDecimal amount, String currency, String planCode,
                          String meter, BigDecimal quantity, BigDecimal includedQuantity,
                          BigDecimal billableQuantity, String priceDescription) {

    /** The columns, in the order {@link #bindTo} binds them. */
    static final String COLUMNS = "kind, description, amount, currency, plan_code, meter, quantity, included_quantity,"
            + " billable_quantity, price_description";
    /** The named parameters matching {@link #COLUMNS}. */
    static final String PARAMETERS = ":kind, :description, :amount, :currency, :planCode, :meter, :quantity,"
            + " :includedQuantity, :billableQuantity, :priceDescription";

    InvoiceLineColumns {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    static InvoiceLineColumns of(InvoiceLine line) {
        Objects.requireNonNull(line, "line");
        BigDecimal amount = line.amount().amount();
        String currency = line.amount().currencyCode();
        if (line instanceof BaseFeeLine base) {
            return new InvoiceLineColumns("BASE_FEE", base.description(), amount, currency, base.planCode().value(),
                    null, null, null, null, null);
        }
        if (line instanceof UsageLine usage) {
            return new InvoiceLineColumns("USAGE", usage.description(), amount, currency, null, usage.meter().value(),
                    usage.quantity(), usage.includedQuantity(), usage.billableQuantity(), usage.priceDescription());
        }
        if (line instanceof ProrationLine proration) {
            return simple("PRORATION", proration.description(), amount, currency);
        }
        if (line instanceof CreditAppliedLine credit) {
            return simple("CREDIT_APPLIED", credit.description(), amount, currency);
        }
        if (line instanceof AdjustmentLine adjustment) {
            return simple("ADJUSTMENT", adjustment.description(), amount, currency);
        }
        throw new IllegalStateException("unknown invoice line type " + line.getClass().getName());
    }

    private static InvoiceLineColumns simple(String kind, String description, BigDecimal amount, String currency) {
        return new InvoiceLineColumns(kind, description, amount, currency, null, null, null, null, null, null);
    }

    static InvoiceLineColumns map(ResultSet rs) throws SQLException {
        return new InvoiceLineColumns(rs.getString("kind"), rs.getString("description"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("plan_code"), rs.getString("meter"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("included_quantity"), rs.getBigDecimal("billable_quantity"),
                rs.getString("price_description"));
    }

    <S extends SqlStatement<S>> S bindTo(S statement) {
        return statement.bind("kind", kind)
                .bind("description", description)
                .bind("amount", amount)
                .bind("currency", currency)
                .bind("planCode", planCode)
                .bind("meter", meter)
                .bind("quantity", quantity)
                .bind("includedQuantity", includedQuantity)
                .bind("billableQuantity", billableQuantity)
                .bind("priceDescription", priceDescription);
    }

    InvoiceLine toDomain() {
        Money money = Money.of(amount, Money.currency(currency));
        return switch (kind) {
            case "BASE_FEE" -> new BaseFeeLine(description, PlanCode.of(planCode), money);
            case "USAGE" -> new UsageLine(description, MeterKey.of(meter), quantity, includedQuantity, billableQuantity,
                    priceDescription, money);
            case "PRORATION" -> new ProrationLine(description, money);
            case "CREDIT_APPLIED" -> new CreditAppliedLine(description, money);
            case "ADJUSTMENT" -> new AdjustmentLine(description, money);
            default -> throw new IllegalStateException("unknown invoice line kind '" + kind + "' in the database");
        };
    }
}

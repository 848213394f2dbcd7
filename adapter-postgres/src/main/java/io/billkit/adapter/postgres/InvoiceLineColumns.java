package io.billkit.adapter.postgres;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.TierCharge;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceLine.AdjustmentLine;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.CreditAppliedLine;
import io.billkit.domain.invoice.InvoiceLine.DiscountLine;
import io.billkit.domain.invoice.InvoiceLine.ProrationLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;
import org.jdbi.v3.core.statement.SqlStatement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * The columns an {@link InvoiceLine} is stored in ({@code invoice_lines}, {@code pending_charges}): the
 * sealed type as {@code kind} plus every field of that type; the fields other kinds lack are NULL.
 *
 * @param kind             BASE_FEE, USAGE, PRORATION, CREDIT_APPLIED, ADJUSTMENT or DISCOUNT
 * @param planCode         BASE_FEE only
 * @param meter            USAGE only (as are the quantities and the price description)
 * @param couponCode       DISCOUNT only (as is {@code appliesTo})
 */
record InvoiceLineColumns(String kind, String description, BigDecimal amount, String currency, String planCode,
                          String meter, BigDecimal quantity, BigDecimal includedQuantity,
                          BigDecimal billableQuantity, String priceDescription, String meterName, String unit,
                          String tierBreakdown, String couponCode, String appliesTo) {

    /** The columns, in the order {@link #bindTo} binds them. */
    static final String COLUMNS = "kind, description, amount, currency, plan_code, meter, quantity, included_quantity,"
            + " billable_quantity, price_description, meter_name, unit, tier_breakdown, coupon_code, applies_to";
    /** The named parameters matching {@link #COLUMNS}. */
    static final String PARAMETERS = ":kind, :description, :amount, :currency, :planCode, :meter, :quantity,"
            + " :includedQuantity, :billableQuantity, :priceDescription, :meterName, :unit, :tierBreakdown, :couponCode,"
            + " :appliesTo";

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
                    null, null, null, null, null, null, null, null, null, null);
        }
        if (line instanceof UsageLine usage) {
            return new InvoiceLineColumns("USAGE", usage.description(), amount, currency, null, usage.meter().value(),
                    usage.quantity(), usage.includedQuantity(), usage.billableQuantity(), usage.priceDescription(),
                    usage.meterName(), usage.unit(), encode(usage.tiers()), null, null);
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
        if (line instanceof DiscountLine discount) {
            return new InvoiceLineColumns("DISCOUNT", discount.description(), amount, currency, null, null, null, null,
                    null, null, null, null, null, discount.coupon().value(), discount.appliesTo());
        }
        throw new IllegalStateException("unknown invoice line type " + line.getClass().getName());
    }

    private static InvoiceLineColumns simple(String kind, String description, BigDecimal amount, String currency) {
        return new InvoiceLineColumns(kind, description, amount, currency, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    static InvoiceLineColumns map(ResultSet rs) throws SQLException {
        return new InvoiceLineColumns(rs.getString("kind"), rs.getString("description"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("plan_code"), rs.getString("meter"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("included_quantity"), rs.getBigDecimal("billable_quantity"),
                rs.getString("price_description"), rs.getString("meter_name"), rs.getString("unit"),
                rs.getString("tier_breakdown"), rs.getString("coupon_code"), rs.getString("applies_to"));
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
                .bind("priceDescription", priceDescription)
                .bind("meterName", meterName)
                .bind("unit", unit)
                .bind("tierBreakdown", tierBreakdown)
                .bind("couponCode", couponCode)
                .bind("appliesTo", appliesTo);
    }

    InvoiceLine toDomain() {
        Money money = Money.of(amount, Money.currency(currency));
        return switch (kind) {
            case "BASE_FEE" -> new BaseFeeLine(description, PlanCode.of(planCode), money);
            case "USAGE" -> new UsageLine(description, MeterKey.of(meter), quantity, includedQuantity, billableQuantity,
                    priceDescription, money, meterName == null ? meter : meterName, unit == null ? "" : unit,
                    decode(tierBreakdown, money.currency()));
            case "PRORATION" -> new ProrationLine(description, money);
            case "CREDIT_APPLIED" -> new CreditAppliedLine(description, money);
            case "ADJUSTMENT" -> new AdjustmentLine(description, money);
            case "DISCOUNT" -> new DiscountLine(description, CouponCode.of(couponCode), appliesTo, money);
            default -> throw new IllegalStateException("unknown invoice line kind '" + kind + "' in the database");
        };
    }

    /** One line per tier, tab-separated fields (see the V7 migration); NULL without tiers. */
    static String encode(List<TierCharge> tiers) {
        if (tiers.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (TierCharge t : tiers) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(t.tier()).append('\t').append(t.firstUnit().toPlainString()).append('\t')
                    .append(t.upTo().map(BigDecimal::toPlainString).orElse("")).append('\t')
                    .append(t.units().toPlainString()).append('\t')
                    .append(t.unitPrice().amount().toPlainString()).append('\t')
                    .append(t.packageSize().map(BigDecimal::toPlainString).orElse("")).append('\t')
                    .append(t.flatFee().toPlainString()).append('\t')
                    .append(t.amount().toPlainString());
        }
        return out.toString();
    }

    static List<TierCharge> decode(String text, Currency currency) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<TierCharge> tiers = new ArrayList<>();
        for (String row : text.split("\n")) {
            String[] f = row.split("\t", -1);
            if (f.length != 8) {
                throw new IllegalStateException("malformed tier_breakdown row in the database: '" + row + "'");
            }
            tiers.add(new TierCharge(Integer.parseInt(f[0]), new BigDecimal(f[1]), optional(f[2]), new BigDecimal(f[3]),
                    new UnitPrice(new BigDecimal(f[4]), currency), optional(f[5]), new BigDecimal(f[6]),
                    new BigDecimal(f[7])));
        }
        return List.copyOf(tiers);
    }

    private static Optional<BigDecimal> optional(String field) {
        return field.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(field));
    }
}

package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A billed customer. Daily windows and billing periods are computed in {@code timeZone}
 * (default UTC). {@code taxRate} is an exclusive rate as a fraction (0.20 = 20 %), never negative.
 * {@code paymentTermsDays} sets an invoice's due date (net 30 by default). {@code address} is the
 * billing address, one printed line per line ({@code \n} separated, see {@link #addressLines()}); it
 * may be empty, never null. {@code taxId} is the customer's tax registration number (VAT, GST, JP
 * registration number) printed on its invoices; empty when the customer has none. {@code taxProfile}
 * says where the customer is taxed (country, region, exempt) for a tax calculator; without a country the
 * flat {@code taxRate} applies. {@code currency} is the currency the customer is billed in, chosen with its
 * first subscription and kept (empty until then); every invoice, credit and amount-off of the customer is
 * in it.
 */
public record Customer(CustomerId id, String name, String email, ZoneId timeZone, BigDecimal taxRate,
                       int paymentTermsDays, String address, Optional<TaxId> taxId, TaxProfile taxProfile,
                       Optional<Currency> currency) {
    public static final int DEFAULT_PAYMENT_TERMS_DAYS = 30;

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(taxId, "taxId");
        Objects.requireNonNull(taxProfile, "taxProfile");
        Objects.requireNonNull(currency, "currency");
        BillingException.require(address.length() <= 1000, "address must be at most 1000 characters");
        BillingException.require(!name.isBlank(), "customer name must not be blank");
        BillingException.require(taxRate.signum() >= 0 && taxRate.compareTo(BigDecimal.ONE) < 0,
                "taxRate must be in [0, 1) but was " + taxRate.toPlainString());
        BillingException.require(paymentTermsDays >= 0 && paymentTermsDays <= 365,
                "paymentTermsDays must be in 0..365 but was " + paymentTermsDays);
    }

    /** A customer without tax profile or billing currency yet. */
    public Customer(CustomerId id, String name, String email, ZoneId timeZone, BigDecimal taxRate,
                    int paymentTermsDays, String address, Optional<TaxId> taxId) {
        this(id, name, email, timeZone, taxRate, paymentTermsDays, address, taxId, TaxProfile.none(), Optional.empty());
    }

    /** A customer without a tax id (the constructor before tax ids were kept). */
    public Customer(CustomerId id, String name, String email, ZoneId timeZone, BigDecimal taxRate,
                    int paymentTermsDays, String address) {
        this(id, name, email, timeZone, taxRate, paymentTermsDays, address, Optional.empty());
    }

    /** A customer in UTC, without tax, on net-30 terms. */
    public static Customer of(CustomerId id, String name, String email) {
        return new Customer(id, name, email, ZoneOffset.UTC, BigDecimal.ZERO, DEFAULT_PAYMENT_TERMS_DAYS, "");
    }

    /** The billing address as printed lines: split at line breaks, each stripped, blank lines dropped. */
    public List<String> addressLines() {
        return Arrays.stream(address.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** This customer with the address given as lines (joined with {@code \n}). */
    public Customer withAddressLines(List<String> lines) {
        Objects.requireNonNull(lines, "lines");
        return withAddress(String.join("\n", lines));
    }

    /** This customer with a tax id. */
    public Customer withTaxId(TaxId id) {
        return new Customer(this.id, name, email, timeZone, taxRate, paymentTermsDays, address,
                Optional.of(Objects.requireNonNull(id, "taxId")), taxProfile, currency);
    }

    /** This customer with {@code profile} as its tax settings. */
    public Customer withTaxProfile(TaxProfile profile) {
        return new Customer(id, name, email, timeZone, taxRate, paymentTermsDays, address, taxId,
                Objects.requireNonNull(profile, "taxProfile"), currency);
    }

    /** This customer billed in {@code billingCurrency}. */
    public Customer withCurrency(Currency billingCurrency) {
        return new Customer(id, name, email, timeZone, taxRate, paymentTermsDays, address, taxId, taxProfile,
                Optional.of(Objects.requireNonNull(billingCurrency, "currency")));
    }

    public Customer withTimeZone(ZoneId zone) {
        return new Customer(id, name, email, zone, taxRate, paymentTermsDays, address, taxId, taxProfile, currency);
    }

    public Customer withTaxRate(BigDecimal rate) {
        return new Customer(id, name, email, timeZone, rate, paymentTermsDays, address, taxId, taxProfile, currency);
    }

    public Customer withPaymentTermsDays(int days) {
        return new Customer(id, name, email, timeZone, taxRate, days, address, taxId, taxProfile, currency);
    }

    public Customer withAddress(String newAddress) {
        return new Customer(id, name, email, timeZone, taxRate, paymentTermsDays, newAddress, taxId, taxProfile, currency);
    }
}

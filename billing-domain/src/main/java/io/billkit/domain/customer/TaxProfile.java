package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how a customer is taxed, as a tax calculator reads it (the VAT id is the customer's
 * {@link Customer#taxId()}).
 *
 * @param country ISO 3166-1 alpha-2 code of the country the customer is taxed in ({@code DE}); empty when
 *                unknown, and then the customer's flat {@link Customer#taxRate()} applies
 * @param region  the subdivision within the country where rates differ ({@code CA} for California in
 *                {@code US}, {@code BC} in {@code CA}); 1..10 letters, digits or {@code -}; empty for none
 * @param exempt  true when the customer is exempt from tax (a charity, a reseller with a certificate):
 *                nothing is charged and invoices say so
 */
public record TaxProfile(Optional<String> country, Optional<String> region, boolean exempt) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public TaxProfile {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(region, "region");
        country = country.map(c -> c.strip().toUpperCase(Locale.ROOT));
        region = region.map(r -> r.strip().toUpperCase(Locale.ROOT));
        country.ifPresent(c -> BillingException.require(COUNTRIES.contains(c),
                "country must be an ISO 3166-1 alpha-2 code (DE, US) but was '" + c + "'"));
        region.ifPresent(r -> BillingException.require(r.matches("[A-Z0-9-]{1,10}"),
                "region must be 1..10 letters, digits or '-' but was '" + r + "'"));
        BillingException.require(region.isEmpty() || country.isPresent(), "a region needs a country");
    }

    /** No country, no region, not exempt: the customer's flat rate applies. */
    public static TaxProfile none() {
        return new TaxProfile(Optional.empty(), Optional.empty(), false);
    }

    /** Taxed in {@code country} (no region), not exempt. */
    public static TaxProfile in(String country) {
        return new TaxProfile(Optional.of(country), Optional.empty(), false);
    }

    /** Taxed in {@code country} and {@code region}, not exempt. */
    public static TaxProfile in(String country, String region) {
        return new TaxProfile(Optional.of(country), Optional.of(region), false);
    }

    public TaxProfile asExempt(boolean isExempt) {
        return new TaxProfile(country, region, isExempt);
    }
}

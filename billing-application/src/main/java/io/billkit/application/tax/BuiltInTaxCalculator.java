package io.billkit.application.tax;

import io.billkit.application.port.out.TaxCalculator;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.TaxProfile;
import io.billkit.domain.customer.VatIdFormat;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.tax.TaxRate;
import io.billkit.domain.tax.TaxRating;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in {@link TaxCalculator}: rates per country, or per country and region, from configuration.
 * For a customer, in this order:
 * <ol>
 *   <li>tax-exempt customer: no tax, one exempt line and the note {@code Tax exempt};</li>
 *   <li>EU B2B reverse charge: the customer has a valid-format EU VAT id ({@link VatIdFormat}), is taxed in
 *       an EU member state (its profile's country, else its VAT id's) and that is not the seller's country:
 *       no tax, one reverse-charge line and the note {@code Reverse charge};</li>
 *   <li>the rates of {@code COUNTRY-REGION} if configured, else of {@code COUNTRY} (one tax line per rate,
 *       e.g. GST and PST in {@code CA-BC});</li>
 *   <li>otherwise (no country, or a country without configured rates): the customer's flat {@code taxRate},
 *       exclusive, as before tax calculators.</li>
 * </ol>
 * Prices are exclusive or inclusive of tax as configured; see {@link TaxRating} for the rounding.
 */
public final class BuiltInTaxCalculator implements TaxCalculator {
    private final Map<String, List<TaxRate>> rates;
    private final Optional<String> sellerCountry;
    private final TaxInclusion inclusion;
    private final RoundingPolicy rounding;

    /**
     * @param rates         rates per jurisdiction key: {@code DE}, or {@code US-CA} for a region (upper case)
     * @param sellerCountry the seller's ISO 3166 country (a sale within it is never reverse-charged); empty
     *                      when unknown
     * @param inclusion     whether prices include tax
     */
    public BuiltInTaxCalculator(Map<String, List<TaxRate>> rates, Optional<String> sellerCountry,
                                TaxInclusion inclusion, RoundingPolicy rounding) {
        Map<String, List<TaxRate>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(rates, "rates").forEach((key, value) -> {
            BillingException.require(key.matches("[A-Z]{2}(-[A-Z0-9-]{1,10})?"),
                    "tax jurisdiction must be COUNTRY or COUNTRY-REGION (DE, US-CA) but was '" + key + "'");
            BillingException.require(!value.isEmpty(), "jurisdiction " + key + " needs at least one rate");
            copy.put(key, List.copyOf(value));
        });
        this.rates = Map.copyOf(copy);
        this.sellerCountry = Objects.requireNonNull(sellerCountry, "sellerCountry").map(c -> c.toUpperCase(Locale.ROOT));
        this.inclusion = Objects.requireNonNull(inclusion, "inclusion");
        this.rounding = Objects.requireNonNull(rounding, "rounding");
    }

    /**
     * Parses {@code DE=0.19; FR=0.20; US-CA=Sales tax:0.0725; CA-BC=GST:0.05,PST:0.07}: jurisdictions separated
     * by {@code ;}, rates by {@code ,}, a rate is {@code fraction} (named {@code VAT}) or {@code name:fraction}.
     */
    public static Map<String, List<TaxRate>> parseRates(String text) {
        Objects.requireNonNull(text, "text");
        Map<String, List<TaxRate>> out = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            BillingException.require(eq > 0, "tax rates entry must be JURISDICTION=RATES but was '" + entry.strip() + "'");
            String key = entry.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            List<TaxRate> list = new java.util.ArrayList<>();
            for (String rate : entry.substring(eq + 1).split(",")) {
                String r = rate.strip();
                int colon = r.lastIndexOf(':');
                try {
                    list.add(colon < 0 ? TaxRate.of("VAT", r) : TaxRate.of(r.substring(0, colon).strip(), r.substring(colon + 1).strip()));
                } catch (NumberFormatException e) {
                    throw BillingException.invalid("tax rate of " + key + " must be a fraction (0.19) but was '" + r + "'");
                }
            }
            BillingException.require(out.put(key, list) == null, "tax jurisdiction " + key + " is given twice");
        }
        return out;
    }

    @Override
    public InvoiceTax calculate(TaxRequest request) {
        Objects.requireNonNull(request, "request");
        Customer customer = request.customer();
        TaxProfile profile = customer.taxProfile();
        if (profile.exempt()) {
            return TaxRating.exempt(request.currency(), request.lines(), inclusion);
        }
        Optional<String> vatCountry = customer.taxId().flatMap(VatIdFormat::euCountry);
        Optional<String> country = profile.country().or(() -> vatCountry);
        if (vatCountry.isPresent() && country.filter(VatIdFormat::isEuCountry).isPresent()
                && !country.equals(sellerCountry)) {
            return TaxRating.reverseCharge(request.currency(), request.lines(), inclusion);
        }
        Optional<List<TaxRate>> configured = country.flatMap(c -> Optional.ofNullable(
                profile.region().map(r -> rates.get(c + "-" + r)).orElse(null)).or(() -> Optional.ofNullable(rates.get(c))));
        if (configured.isPresent()) {
            return TaxRating.standard(request.currency(), request.lines(), configured.get(), inclusion, rounding);
        }
        return TaxCalculator.customerRate().calculate(request);
    }
}

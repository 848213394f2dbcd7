package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.util.Locale;
import java.util.Objects;

/** The scheme of a {@link TaxId}; each prints with its own label. */
public enum TaxIdType {
    /** EU or UK value-added tax identification number. */
    VAT("VAT ID"),
    /** Goods and services tax number (AU, NZ, SG, IN, CA). */
    GST("GST No."),
    /** Japanese qualified-invoice issuer registration number (T + 13 digits). */
    JP_REGISTRATION("Registration No."),
    /** Any other tax registration number. */
    OTHER("Tax ID");

    private final String label;

    TaxIdType(String label) {
        this.label = label;
    }

    /** The label printed before the number, e.g. {@code VAT ID}. */
    public String label() {
        return label;
    }

    /** The type named {@code name} ({@code vat}, {@code gst}, {@code jp_registration}, {@code other}). */
    public static TaxIdType parse(String name) {
        Objects.requireNonNull(name, "name");
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BillingException.invalid("tax id type must be vat, gst, jp_registration or other but was '"
                    + name + "'");
        }
    }
}

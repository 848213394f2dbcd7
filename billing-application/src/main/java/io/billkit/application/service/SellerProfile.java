package io.billkit.application.service;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.TaxId;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who issues the invoices, as printed in the seller block of every invoice document, and what every
 * invoice says about paying.
 *
 * @param name                the seller's legal name, not blank
 * @param addressLines        postal address, one printed line each (may be empty)
 * @param email               billing contact address (may be empty, never null)
 * @param logo                PNG or JPEG bytes of the logo; an empty array for none (copied in and out)
 * @param taxId               the seller's tax registration number (VAT, GST, JP registration number), if any
 * @param countryCode         ISO 3166-1 alpha-2 country of the seller ({@code DE}), empty when unknown;
 *                            e-invoices (Factur-X) need it
 * @param paymentInstructions how to pay, one printed line each (bank details, IBAN, BIC); may be empty
 * @param footer              a note printed at the end of every invoice (may be empty, never null)
 */
public record SellerProfile(String name, List<String> addressLines, String email, byte[] logo, Optional<TaxId> taxId,
                            String countryCode, List<String> paymentInstructions, String footer) {
    public SellerProfile {
        Objects.requireNonNull(name, "name");
        addressLines = List.copyOf(Objects.requireNonNull(addressLines, "addressLines"));
        Objects.requireNonNull(email, "email");
        logo = Objects.requireNonNull(logo, "logo").clone();
        Objects.requireNonNull(taxId, "taxId");
        Objects.requireNonNull(countryCode, "countryCode");
        paymentInstructions = List.copyOf(Objects.requireNonNull(paymentInstructions, "paymentInstructions"));
        Objects.requireNonNull(footer, "footer");
        BillingException.require(!name.isBlank(), "seller name must not be blank");
        BillingException.require(countryCode.isEmpty() || countryCode.matches("[A-Z]{2}"),
                "seller country must be an ISO 3166 alpha-2 code such as DE but was '" + countryCode + "'");
    }

    /** A seller without tax id, country, payment instructions or footer. */
    public SellerProfile(String name, List<String> addressLines, String email, byte[] logo) {
        this(name, addressLines, email, logo, Optional.empty(), "", List.of(), "");
    }

    /** A seller without a logo. */
    public static SellerProfile of(String name, List<String> addressLines, String email) {
        return new SellerProfile(name, addressLines, email, new byte[0]);
    }

    /** This seller with a logo (PNG or JPEG bytes). */
    public SellerProfile withLogo(byte[] newLogo) {
        return new SellerProfile(name, addressLines, email, newLogo, taxId, countryCode, paymentInstructions, footer);
    }

    /** This seller with a tax registration number. */
    public SellerProfile withTaxId(TaxId id) {
        return new SellerProfile(name, addressLines, email, logo, Optional.of(id), countryCode, paymentInstructions,
                footer);
    }

    /** This seller in country {@code code} (ISO 3166-1 alpha-2). */
    public SellerProfile withCountryCode(String code) {
        return new SellerProfile(name, addressLines, email, logo, taxId, code, paymentInstructions, footer);
    }

    /** This seller with payment instructions, one printed line each. */
    public SellerProfile withPaymentInstructions(List<String> lines) {
        return new SellerProfile(name, addressLines, email, logo, taxId, countryCode, lines, footer);
    }

    /** This seller with a footer note. */
    public SellerProfile withFooter(String note) {
        return new SellerProfile(name, addressLines, email, logo, taxId, countryCode, paymentInstructions, note);
    }

    @Override
    public byte[] logo() {
        return logo.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SellerProfile that && name.equals(that.name) && addressLines.equals(that.addressLines)
                && email.equals(that.email) && Arrays.equals(logo, that.logo) && taxId.equals(that.taxId)
                && countryCode.equals(that.countryCode) && paymentInstructions.equals(that.paymentInstructions)
                && footer.equals(that.footer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, addressLines, email, Arrays.hashCode(logo), taxId, countryCode, paymentInstructions,
                footer);
    }

    @Override
    public String toString() {
        return "SellerProfile[name=" + name + ", addressLines=" + addressLines + ", email=" + email
                + ", logo=" + logo.length + " bytes, taxId=" + taxId + ", countryCode=" + countryCode
                + ", paymentInstructions=" + paymentInstructions + ", footer=" + footer + "]";
    }
}

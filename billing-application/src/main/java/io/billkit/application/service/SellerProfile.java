package io.billkit.application.service;

import io.billkit.domain.BillingException;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Who issues the invoices, as printed in the seller block of every invoice document.
 *
 * @param name         the seller's legal name, not blank
 * @param addressLines postal address, one printed line each (may be empty)
 * @param email        billing contact address (may be empty, never null)
 * @param logo         PNG or JPEG bytes of the logo; an empty array for none (copied in and out)
 */
public record SellerProfile(String name, List<String> addressLines, String email, byte[] logo) {
    public SellerProfile {
        Objects.requireNonNull(name, "name");
        addressLines = List.copyOf(Objects.requireNonNull(addressLines, "addressLines"));
        Objects.requireNonNull(email, "email");
        logo = Objects.requireNonNull(logo, "logo").clone();
        BillingException.require(!name.isBlank(), "seller name must not be blank");
    }

    /** A seller without a logo. */
    public static SellerProfile of(String name, List<String> addressLines, String email) {
        return new SellerProfile(name, addressLines, email, new byte[0]);
    }

    @Override
    public byte[] logo() {
        return logo.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SellerProfile that && name.equals(that.name) && addressLines.equals(that.addressLines)
                && email.equals(that.email) && Arrays.equals(logo, that.logo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, addressLines, email, Arrays.hashCode(logo));
    }

    @Override
    public String toString() {
        return "SellerProfile[name=" + name + ", addressLines=" + addressLines + ", email=" + email
                + ", logo=" + logo.length + " bytes]";
    }
}

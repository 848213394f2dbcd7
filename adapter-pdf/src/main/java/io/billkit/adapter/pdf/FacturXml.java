package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceDocument.Party;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxIdType;
import io.billkit.domain.invoice.TaxTreatment;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.Product;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.TransactionCalculator;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The EN 16931 (Factur-X 1.0, profile EN 16931, UN/CEFACT CII) XML of an {@link InvoiceDocument}, written
 * by Mustangproject. The XML states exactly the printed amounts:
 * <ul>
 *   <li>each printed line is one item of quantity 1 (unit code {@code C62}, "one") at its rounded
 *       amount, named by its description; the printed quantity, unit price and tier rows go into the item
 *       description. A negative line (credits applied, a trial or other adjustment) is quantity -1, since
 *       EN 16931 forbids negative prices (BR-27); so the lines add up to the taxable base, as printed;</li>
 *   <li>the VAT category is {@code S} (standard) when there is tax; {@code AE} (reverse charge, exemption
 *       reason and invoice note "Reverse charge") when the invoice's tax is reverse-charged, or, for an invoice
 *       without a stated treatment and without tax, when seller and buyer both have VAT ids in different
 *       countries; else {@code E} (exempt, reason the invoice's note or "No VAT charged"): Mustang always
 *       writes a line VAT rate, which category {@code O} (not subject to VAT) forbids (BR-O-05);</li>
 *   <li>the seller's tax id is required: a VAT id is the seller VAT identifier (BT-31), any other
 *       (GST, Japanese registration number, EIN) the tax registration (BT-32) and the seller identifier
 *       (BT-29), as BR-CO-26 asks for one of them;</li>
 *   <li>what has been paid is the prepaid amount, so the amount due is the printed one.</li>
 * </ul>
 * The computed grand total is checked against the printed total before the XML is returned.
 */
final class FacturXml {

    private FacturXml() {
    }

    static byte[] of(InvoiceDocument doc) {
        require(!doc.seller().countryCode().isBlank(), "the seller's country (SELLER_COUNTRY)");
        require(!doc.customer().countryCode().isBlank(), "the customer's country");
        BigDecimal rate = doc.taxes().isEmpty() ? BigDecimal.ZERO : doc.taxes().get(0).ratePercent();
        require(doc.taxes().size() <= 1, "one tax rate per invoice");
        String category = category(doc, rate);
        String reason = doc.taxes().stream().map(InvoiceDocument.TaxAmount::note).filter(n -> !n.isBlank())
                .findFirst().orElse(exemptionReason(category));
        require(doc.seller().taxId().isPresent(), "the seller's tax id (SELLER_TAX_ID)");

        Invoice invoice = new Invoice()
                .setNumber(doc.number())
                .setIssueDate(date(doc.issueDate()))
                .setDueDate(date(doc.dueDate()))
                .setDetailedDeliveryPeriod(date(doc.periodStart()), date(doc.periodEnd()))
                .setCurrency(doc.currency().getCurrencyCode())
                .setSender(party(doc.seller()))
                .setRecipient(party(doc.customer()))
                .setPaymentTermDescription(doc.paymentTerms() + ", due " + doc.dueDate());
        if (!doc.periodNote().isBlank()) {
            invoice.addNote(doc.periodNote());
        }
        if (!"S".equals(category) && doc.taxes().stream().anyMatch(t -> !t.note().isBlank())) {
            invoice.addNote(reason);
        }
        if (!doc.paymentInstructions().isEmpty()) {
            invoice.addNote(String.join("\n", doc.paymentInstructions()));
        }
        for (InvoiceDocument.Line line : doc.lines()) {
            invoice.addItem(item(line, rate, category, reason));
        }
        BigDecimal paid = doc.total().amount().subtract(doc.amountDue().amount());
        if (paid.signum() != 0) {
            invoice.setTotalPrepaidAmount(paid);
        }
        TransactionCalculator calculator = new TransactionCalculator(invoice);
        if (calculator.getGrandTotal().compareTo(doc.total().amount()) != 0) {
            throw new IllegalStateException("Factur-X XML of " + doc.number() + " would total "
                    + calculator.getGrandTotal() + " but the invoice totals " + doc.total() + " (credits beyond the charges cannot be stated as lines)");
        }
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName("EN16931"));
        provider.generateXML(invoice);
        return provider.getXML();
    }

    private static Item item(InvoiceDocument.Line line, BigDecimal rate, String category, String reason) {
        StringBuilder description = new StringBuilder();
        if (!line.quantity().isBlank()) {
            description.append("Quantity ").append(line.quantity());
        }
        if (!line.unitPrice().isBlank()) {
            description.append(description.length() > 0 ? " at " : "").append(line.unitPrice());
        }
        String tiers = line.details().stream()
                .map(d -> d.description() + ": " + d.quantity() + " at " + d.unitPrice() + " = " + d.amount())
                .collect(Collectors.joining("; "));
        if (!tiers.isEmpty()) {
            description.append(description.length() > 0 ? "; " : "").append(tiers);
        }
        Product product = new Product(line.description(), description.toString(), "C62", rate)
                .setTaxCategoryCode(category);
        if (!"S".equals(category)) {
            product.setTaxExemptionReason(reason);
        }
        BigDecimal amount = line.amount().amount();
        return new Item(product, amount.abs(), amount.signum() < 0 ? BigDecimal.ONE.negate() : BigDecimal.ONE);
    }

    static String category(InvoiceDocument doc, BigDecimal rate) {
        if (rate.signum() > 0) {
            return "S";
        }
        if (doc.taxes().stream().anyMatch(t -> t.treatment() == TaxTreatment.REVERSE_CHARGE)) {
            return "AE";
        }
        if (doc.taxes().stream().anyMatch(t -> t.treatment() == TaxTreatment.EXEMPT)) {
            return "E";
        }
        boolean sellerVat = isVat(doc.seller().taxId());
        if (sellerVat && isVat(doc.customer().taxId())
                && !doc.seller().countryCode().equalsIgnoreCase(doc.customer().countryCode())) {
            return "AE";
        }
        return "E";
    }

    private static String exemptionReason(String category) {
        return switch (category) {
            case "AE" -> "Reverse charge";
            default -> "No VAT charged";
        };
    }

    private static boolean isVat(Optional<TaxId> taxId) {
        return taxId.map(t -> t.type() == TaxIdType.VAT).orElse(false);
    }

    /**
     * The first address line is the street, the others (up to the last, which is kept as the city line
     * unless it only names the country) are additional lines: BillKit keeps addresses as free lines.
     */
    private static TradeParty party(Party party) {
        List<String> lines = party.addressLines();
        String street = lines.isEmpty() ? "" : lines.get(0);
        List<String> rest = lines.size() > 1 ? lines.subList(1, lines.size()) : List.of();
        if (!rest.isEmpty() && isCountryLine(rest.get(rest.size() - 1), party.countryCode())) {
            rest = rest.subList(0, rest.size() - 1);
        }
        String city = rest.isEmpty() ? "" : rest.get(rest.size() - 1);
        List<String> additional = rest.isEmpty() ? List.of() : rest.subList(0, rest.size() - 1);
        TradeParty trade = new TradeParty(party.name(), street, null, city, party.countryCode().toUpperCase(java.util.Locale.ROOT));
        if (!additional.isEmpty()) {
            trade.setAdditionalAddress(String.join(", ", additional));
        }
        if (!party.email().isBlank()) {
            trade.setEmail(party.email());
        }
        party.taxId().ifPresent(id -> {
            if (id.type() == TaxIdType.VAT) {
                trade.setVATID(id.value());
            } else {
                trade.setTaxID(id.value());
                trade.setID(id.value());
            }
        });
        return trade;
    }

    private static boolean isCountryLine(String line, String countryCode) {
        String l = line.strip();
        return !countryCode.isBlank() && (l.equalsIgnoreCase(countryCode)
                || l.equalsIgnoreCase(new java.util.Locale("", countryCode).getDisplayCountry(java.util.Locale.ENGLISH)));
    }

    /** A {@link Date} that Mustang prints (in the JVM's zone) as {@code date}. */
    private static Date date(LocalDate date) {
        return Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("a Factur-X invoice needs " + what);
        }
    }
}

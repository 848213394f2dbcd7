package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Everything that would otherwise make two renders differ, fixed from the document: the trailer
 * {@code /ID} (PDFBox otherwise hashes the current time into it), the creation and modification
 * dates (the issue date, 00:00 UTC) and the information dictionary. No XMP metadata stream is
 * written, so there is no second, timestamped copy of these values.
 */
final class DocumentIdentity {

    static final String PRODUCER = "BillKit adapter-pdf (Apache PDFBox)";

    private DocumentIdentity() {
    }

    static void apply(PDDocument document, InvoiceDocument invoice) {
        apply(document, invoice, DocumentKind.INVOICE);
    }

    static void apply(PDDocument document, InvoiceDocument invoice, DocumentKind kind) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(kind.name + " " + invoice.number());
        info.setAuthor(invoice.seller().name());
        info.setSubject(kind.name + " " + invoice.number() + " for " + invoice.customer().name());
        info.setCreator("BillKit");
        info.setProducer(PRODUCER);
        Calendar issued = startOfDayUtc(invoice.issueDate());
        info.setCreationDate(issued);
        info.setModificationDate(issued);

        byte[] permanent = digest("billkit-invoice|" + invoice.documentId());
        byte[] revision = digest("billkit-invoice|" + invoice.documentId() + "|" + invoice.status() + "|"
                + invoice.amountDue());
        COSArray id = new COSArray();
        id.add(new COSString(permanent));
        id.add(new COSString(revision));
        document.getDocument().getTrailer().setItem(COSName.ID, id);
        document.setDocumentId(ByteBuffer.wrap(permanent).getLong());
    }

    /** The first 16 bytes of SHA-256, the size of the MD5 ids other writers use. */
    static byte[] digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Calendar startOfDayUtc(LocalDate date) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.clear();
        calendar.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth(), 0, 0, 0);
        return calendar;
    }
}

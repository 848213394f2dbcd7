package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * The seller's logo as a PDF image. An empty array means no logo; bytes that are not a readable
 * PNG or JPEG are logged and left out, since a broken logo must not stop an invoice from rendering.
 */
final class LogoImage {

    private static final Logger LOG = LoggerFactory.getLogger(LogoImage.class);

    private LogoImage() {
    }

    static Optional<PDImageXObject> load(PDDocument document, byte[] bytes, String invoiceNumber) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(PDImageXObject.createFromByteArray(document, bytes, "logo"));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Seller logo of invoice {} is not a readable PNG or JPEG ({} bytes); rendering without it: {}",
                    invoiceNumber, bytes.length, e.toString());
            return Optional.empty();
        }
    }
}

package io.billkit.application.port.in.invoice;

import io.billkit.domain.invoice.InvoiceId;
import java.util.Objects;

/**
 * An invoice rendered for download.
 *
 * @param etag a strong validator derived from the content (quoted)
 */
public record RenderedInvoice(InvoiceId id, String fileName, String mediaType, byte[] content, String etag) {
    public RenderedInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(etag, "etag");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}

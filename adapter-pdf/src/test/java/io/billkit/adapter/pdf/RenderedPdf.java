package io.billkit.adapter.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A rendered PDF read back with PDFBox, for assertions. */
final class RenderedPdf {

    private final byte[] bytes;

    RenderedPdf(byte[] bytes) {
        this.bytes = bytes;
    }

    int pageCount() {
        return read(PDDocument::getNumberOfPages);
    }

    String text() {
        return read(document -> new PDFTextStripper().getText(document));
    }

    /** Extracted text per page, index 0 = page 1. */
    List<String> pageTexts() {
        return read(document -> {
            List<String> pages = new ArrayList<>();
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pages.add(stripper.getText(document));
            }
            return pages;
        });
    }

    /** Images drawn on a page (0-based). */
    List<PDImageXObject> images(int pageIndex) {
        return read(document -> {
            List<PDImageXObject> images = new ArrayList<>();
            PDResources resources = document.getPage(pageIndex).getResources();
            for (COSName name : resources.getXObjectNames()) {
                PDXObject object = resources.getXObject(name);
                if (object instanceof PDImageXObject image) {
                    images.add(image);
                }
            }
            return images;
        });
    }

    /** Base font names (subset-tagged) used on all pages. */
    List<String> fontNames() {
        return read(document -> {
            List<String> names = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    if (!names.contains(font.getName())) {
                        names.add(font.getName());
                    }
                }
            }
            return names;
        });
    }

    <T> T read(Reading<T> reading) {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return reading.apply(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface Reading<T> {
        T apply(PDDocument document) throws IOException;
    }
}

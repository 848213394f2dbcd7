package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The page being filled and the vertical cursor on it (baseline-independent: {@link #y()} is the top
 * of the free space). When a section runs out of room it asks for a new page; the new page is
 * decorated by whatever the current section registered (continuation header, repeated table header).
 */
final class PageFlow implements Closeable {

    /** Draws the top of a continuation page and moves the cursor below it. */
    @FunctionalInterface
    interface PageStart {
        void decorate(PageFlow flow) throws IOException;
    }

    private final PDDocument document;
    private final DocumentFonts fonts;
    private final DocumentTags tags;
    private final List<PDPage> pages = new ArrayList<>();
    private PageStart continuation = flow -> { };
    private PageCanvas canvas;
    private float y;

    PageFlow(PDDocument document, DocumentFonts fonts, DocumentTags tags) {
        this.document = document;
        this.fonts = fonts;
        this.tags = tags;
    }

    /** Adds the first page, undecorated. */
    void start() throws IOException {
        openPage();
    }

    /** Adds a page and lets the current section decorate it. */
    void newPage() throws IOException {
        openPage();
        continuation.decorate(this);
    }

    /** Starts a new page first unless {@code height} points still fit above the bottom margin. */
    void ensureRoom(float height) throws IOException {
        if (!fits(height)) {
            newPage();
        }
    }

    boolean fits(float height) {
        return y - height >= Layout.BOTTOM;
    }

    void continueWith(PageStart decorator) {
        this.continuation = decorator;
    }

    PageCanvas canvas() {
        return canvas;
    }

    float y() {
        return y;
    }

    void moveDown(float points) {
        y -= points;
    }

    void moveTo(float newY) {
        y = newY;
    }

    /** 1-based number of the page being filled. */
    int pageNumber() {
        return pages.size();
    }

    List<PDPage> pages() {
        return List.copyOf(pages);
    }

    private void openPage() throws IOException {
        if (canvas != null) {
            canvas.close();
        }
        PDPage page = new PDPage(Layout.PAGE);
        document.addPage(page);
        pages.add(page);
        canvas = new PageCanvas(document, page, fonts, tags, PDPageContentStream.AppendMode.OVERWRITE);
        y = Layout.TOP;
    }

    @Override
    public void close() throws IOException {
        if (canvas != null) {
            canvas.close();
            canvas = null;
        }
    }
}

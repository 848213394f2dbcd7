package io.billkit.adapter.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;

/**
 * Drawing primitives on one page: shaped text, rules, filled boxes and images. Text is tagged as a
 * paragraph and images as figures ({@link DocumentTags}); rules and fills are artifacts, and so is
 * everything drawn between {@link #beginArtifact()} and {@link #endArtifact()}.
 */
final class PageCanvas implements Closeable {

    private final PDPageContentStream stream;
    private final DocumentFonts fonts;
    private final DocumentTags tags;
    private final PDPage page;
    private int artifactDepth;

    PageCanvas(PDDocument document, PDPage page, DocumentFonts fonts, DocumentTags tags,
               PDPageContentStream.AppendMode mode) throws IOException {
        this.stream = new PDPageContentStream(document, page, mode, true, true);
        this.fonts = fonts;
        this.tags = tags;
        this.page = page;
    }

    /** What follows, until {@link #endArtifact()}, is decoration (page footer, stamp): not tagged. */
    void beginArtifact() throws IOException {
        if (artifactDepth++ == 0) {
            tags.beginArtifact(stream);
        }
    }

    void endArtifact() throws IOException {
        if (--artifactDepth == 0) {
            tags.end(stream);
        }
    }

    /** Tags what {@code drawing} draws as one structure element of {@code type} (outside artifacts). */
    void tagged(String type, String alt, Drawing drawing) throws IOException {
        if (artifactDepth > 0) {
            drawing.draw();
            return;
        }
        tags.begin(stream, page, type, alt);
        drawing.draw();
        tags.end(stream);
    }

    @FunctionalInterface
    interface Drawing {
        void draw() throws IOException;
    }

    DocumentFonts fonts() {
        return fonts;
    }

    PDPageContentStream stream() {
        return stream;
    }

    float width(String line, TextStyle style) throws IOException {
        return fonts.width(line, style.bold(), style.size());
    }

    /** Draws one line with its left edge at {@code x} and baseline at {@code y}; returns its width. */
    float text(String line, float x, float y, TextStyle style) throws IOException {
        ShapedText shaped = fonts.shape(line, style.bold());
        draw(shaped, x, y, style);
        return shaped.width(style.size());
    }

    /** Draws one line with its right edge at {@code right}. */
    void textRight(String line, float right, float y, TextStyle style) throws IOException {
        ShapedText shaped = fonts.shape(line, style.bold());
        draw(shaped, right - shaped.width(style.size()), y, style);
    }

    private void draw(ShapedText shaped, float x, float y, TextStyle style) throws IOException {
        if (shaped.runs().isEmpty()) {
            return;
        }
        tagged("P", null, () -> {
            stream.setNonStrokingColor(style.color());
            stream.beginText();
            stream.newLineAtOffset(x, y);
            for (ShapedText.Run run : shaped.runs()) {
                stream.setFont(run.font(), style.size());
                stream.showText(run.text());
            }
            stream.endText();
        });
    }

    void fill(float x, float y, float width, float height, Color color) throws IOException {
        beginArtifact();
        stream.setNonStrokingColor(color);
        stream.addRect(x, y, width, height);
        stream.fill();
        endArtifact();
    }

    void rule(float x1, float x2, float y, float lineWidth, Color color) throws IOException {
        beginArtifact();
        stream.setStrokingColor(color);
        stream.setLineWidth(lineWidth);
        stream.moveTo(x1, y);
        stream.lineTo(x2, y);
        stream.stroke();
        endArtifact();
    }

    /** Draws an image tagged as a figure whose alternate text is {@code alt}. */
    void image(PDImageXObject image, float x, float y, float width, float height, String alt) throws IOException {
        tagged("Figure", alt, () -> stream.drawImage(image, x, y, width, height));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

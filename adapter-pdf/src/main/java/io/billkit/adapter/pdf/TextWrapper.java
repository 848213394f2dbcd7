package io.billkit.adapter.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy line breaking: at spaces where possible, inside a word (by code point) when the word alone
 * is wider than the line, which also breaks CJK text that has no spaces. Explicit line breaks in
 * the text start a new line.
 */
final class TextWrapper {

    /** Measures a line in points. */
    @FunctionalInterface
    interface Measure {
        float width(String line) throws IOException;
    }

    private TextWrapper() {
    }

    /** {@code text} broken into lines no wider than {@code maxWidth}; at least one (maybe empty) line. */
    static List<String> wrap(String text, float maxWidth, Measure measure) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\\R", -1)) {
            wrapParagraph(paragraph.strip(), maxWidth, measure, lines);
        }
        return lines;
    }

    private static void wrapParagraph(String paragraph, float maxWidth, Measure measure, List<String> lines)
            throws IOException {
        String line = "";
        for (String word : paragraph.split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (measure.width(candidate) <= maxWidth) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line);
            }
            line = word;
            while (measure.width(line) > maxWidth) {
                int cut = longestFittingPrefix(line, maxWidth, measure);
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        lines.add(line);
    }

    /** Length (in chars, at a code point boundary, at least one code point) of the prefix that fits. */
    private static int longestFittingPrefix(String word, float maxWidth, Measure measure) throws IOException {
        int fits = word.offsetByCodePoints(0, 1);
        int next = fits;
        while (next < word.length()) {
            next = word.offsetByCodePoints(next, 1);
            if (measure.width(word.substring(0, next)) > maxWidth) {
                break;
            }
            fits = next;
        }
        return fits;
    }
}

package io.billkit.adapter.pdf;

import java.text.Bidi;
import java.util.Map;

/**
 * Turns one line of text from logical order (as typed) into visual order (left to right as drawn),
 * with the Unicode bidirectional algorithm of {@link java.text.Bidi}: right-to-left runs (Hebrew) are
 * reversed and their brackets mirrored, and runs are reordered by embedding level. A line whose first
 * strong character is right-to-left gets a right-to-left paragraph direction.
 *
 * <p>Drawing visual order is what a PDF viewer expects, and it is also what text extraction expects:
 * PDFBox's {@code PDFTextStripper} (and poppler's {@code pdftotext}) turn visual right-to-left runs
 * back into logical order, so "שלום" extracts as "שלום". Limits: no Arabic shaping (joining forms),
 * combining marks in right-to-left runs end up before their base character, and lines are still
 * aligned as the layout says (left for names), not flipped to the right margin.
 */
final class BidiText {

    private static final Map<Integer, Integer> MIRRORS = Map.ofEntries(
            Map.entry((int) '(', (int) ')'), Map.entry((int) ')', (int) '('),
            Map.entry((int) '[', (int) ']'), Map.entry((int) ']', (int) '['),
            Map.entry((int) '{', (int) '}'), Map.entry((int) '}', (int) '{'),
            Map.entry((int) '<', (int) '>'), Map.entry((int) '>', (int) '<'),
            Map.entry((int) '«', (int) '»'), Map.entry((int) '»', (int) '«'),
            Map.entry((int) '‹', (int) '›'), Map.entry((int) '›', (int) '‹'));

    private BidiText() {
    }

    /** {@code line} (no line breaks) in visual order; the same string when it has no right-to-left text. */
    static String toVisual(String line) {
        char[] chars = line.toCharArray();
        if (!Bidi.requiresBidi(chars, 0, chars.length)) {
            return line;
        }
        Bidi bidi = new Bidi(line, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        int runCount = bidi.getRunCount();
        byte[] levels = new byte[runCount];
        String[] runs = new String[runCount];
        for (int i = 0; i < runCount; i++) {
            String run = line.substring(bidi.getRunStart(i), bidi.getRunLimit(i));
            int level = bidi.getRunLevel(i);
            levels[i] = (byte) level;
            runs[i] = (level & 1) == 1 ? reverseMirrored(run) : run;
        }
        Bidi.reorderVisually(levels, 0, runs, 0, runCount);
        return String.join("", runs);
    }

    private static String reverseMirrored(String run) {
        int[] codePoints = run.codePoints().toArray();
        StringBuilder out = new StringBuilder(run.length());
        for (int i = codePoints.length - 1; i >= 0; i--) {
            out.appendCodePoint(MIRRORS.getOrDefault(codePoints[i], codePoints[i]));
        }
        return out.toString();
    }
}

package io.billkit.adapter.http;

/** Client-controlled text made safe for a log line or a short quote in a problem's detail. */
final class LogText {
    private static final int PREVIEW = 80;

    private LogText() {
    }

    /** {@code text} without control characters (no forged log lines), at most 200 characters. */
    static String safe(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The start of {@code text} for a problem's detail: at most {@value #PREVIEW} characters, controls escaped. */
    static String preview(String text) {
        if (text == null) {
            return null;
        }
        String shown = safe(text.length() > PREVIEW ? text.substring(0, PREVIEW) : text);
        return text.length() > PREVIEW ? shown + "..." : shown;
    }
}

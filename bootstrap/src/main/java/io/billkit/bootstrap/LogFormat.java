package io.billkit.bootstrap;

import ch.qos.logback.core.PropertyDefinerBase;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the log format for {@code logback.xml} (as its {@code LOG_APPENDER} property): {@code LOG_FORMAT=text}
 * (one readable line per event) or {@code LOG_FORMAT=json} (one JSON object per line, for log shippers); unset,
 * text when stdout is a terminal ({@link System#console()} is not null), JSON otherwise (containers, systemd,
 * pipes). An unknown value falls back to JSON here and is rejected by {@link EnvConfig} at start, naming
 * {@code LOG_FORMAT}.
 */
public final class LogFormat extends PropertyDefinerBase {

    /** {@code TEXT} or {@code JSON}: the name of the appender in {@code logback.xml}. */
    @Override
    public String getPropertyValue() {
        return appender(Optional.ofNullable(System.getenv("LOG_FORMAT")), System.console() != null);
    }

    static String appender(Optional<String> logFormat, boolean terminal) {
        return logFormat.filter(v -> !v.isBlank())
                .map(v -> parse(v).orElse("json"))
                .orElse(terminal ? "text" : "json")
                .toUpperCase(Locale.ROOT);
    }

    /** {@code text} or {@code json} for a valid {@code LOG_FORMAT} value (case and blanks ignored). */
    static Optional<String> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("text") || v.equals("json") ? Optional.of(v) : Optional.empty();
    }
}

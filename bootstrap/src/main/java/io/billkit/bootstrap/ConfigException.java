package io.billkit.bootstrap;

import java.util.List;

/** One or more configuration values are missing or malformed; the message lists every problem, one per line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming the environment variable. */
    public List<String> problems() {
        return problems;
    }
}

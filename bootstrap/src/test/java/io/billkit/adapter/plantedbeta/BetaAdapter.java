package io.billkit.adapter.plantedbeta;

/** The adapter {@code AlphaAdapter} wrongly depends on. */
public final class BetaAdapter {
    public String name() {
        return "beta";
    }
}

package io.billkit.adapter.plantedalpha;

import io.billkit.adapter.plantedbeta.BetaAdapter;

/** Deliberately depends on another adapter; only {@code PlantedViolationTest} imports it. */
public final class AlphaAdapter {
    public String callTheOtherAdapter() {
        return new BetaAdapter().name();
    }
}

package io.billkit.application.port.in.subscription;

/** When a plan change takes effect. */
public enum ChangeTiming {
    /** Upgrades: now, with proration of the rest of the period. */
    IMMEDIATE,
    /** Downgrades: at the end of the current period. */
    AT_PERIOD_END
}

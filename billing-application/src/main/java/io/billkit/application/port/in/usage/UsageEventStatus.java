package io.billkit.application.port.in.usage;

/** What became of one submitted usage event. */
public enum UsageEventStatus {
    /** Stored now. */
    ACCEPTED,
    /** The same (customer, event id) was stored before; nothing changed. */
    DUPLICATE,
    /** Refused; see the outcome's error code and reason. Nothing was stored. */
    REJECTED
}

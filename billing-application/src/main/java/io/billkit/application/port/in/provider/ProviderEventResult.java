package io.billkit.application.port.in.provider;

/** What handling a provider event did. */
public enum ProviderEventResult {
    /** The event changed local state. */
    APPLIED,
    /** The event id was handled before; nothing changed. */
    DUPLICATE,
    /** A type BillKit does not act on, or an object it does not know; recorded, nothing changed. */
    IGNORED,
    /** Older than the state it concerns (out-of-order delivery); recorded, nothing rolled back. */
    STALE
}

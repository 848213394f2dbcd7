package io.billkit.application.port.in.ai;

/** The answer to an AI request check. */
public enum AiDecision {
    /** Send it to the requested model. */
    ALLOWED,
    /** The requested model is not allowed: send it to the fallback model instead. */
    ALLOWED_ON_FALLBACK,
    /** Do not send it; the reason says why. */
    DENIED
}

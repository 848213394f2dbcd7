package io.billkit.application.port.in.quota;

/** Whether a quota request is admitted. */
public enum Admission {
    ALLOWED,
    DENIED
}

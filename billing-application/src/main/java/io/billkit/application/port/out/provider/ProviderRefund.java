package io.billkit.application.port.out.provider;

import java.util.Objects;

/** A refund at the payment provider: its id ({@code re_...}) and where it is. */
public record ProviderRefund(String id, Status status) {
    public ProviderRefund {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** SUCCEEDED once the money is on its way back; PENDING while the provider processes it; FAILED otherwise. */
    public enum Status { SUCCEEDED, PENDING, FAILED }
}

package io.billkit.application.port.out;

import java.util.Optional;

/**
 * Links BillKit ids to the payment provider's ids, per kind ({@code customer}, {@code subscription},
 * {@code invoice}). Both directions are unique.
 */
public interface ProviderReferenceStore {

    void link(String kind, String localId, String providerId);

    Optional<String> providerId(String kind, String localId);

    Optional<String> localId(String kind, String providerId);
}

package io.billkit.application.port.out;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Links BillKit ids to the payment provider's ids, per kind ({@code customer}, {@code subscription},
 * {@code invoice}). Both directions are unique.
 */
public interface ProviderReferenceStore {

    void link(String kind, String localId, String providerId);

    Optional<String> providerId(String kind, String localId);

    /**
     * The provider ids of several local ids of one kind (local id to provider id; unlinked ids are absent):
     * the batch form of {@link #providerId}, so a list view asks once. The default asks per id.
     */
    default Map<String, String> providerIds(String kind, Collection<String> localIds) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(localIds, "localIds");
        Map<String, String> found = new HashMap<>();
        for (String localId : localIds) {
            providerId(kind, localId).ifPresent(providerId -> found.put(localId, providerId));
        }
        return found;
    }

    Optional<String> localId(String kind, String providerId);
}

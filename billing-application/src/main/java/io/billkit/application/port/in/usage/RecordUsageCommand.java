package io.billkit.application.port.in.usage;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import java.util.List;
import java.util.Objects;

/**
 * Record 1..{@value #MAX_EVENTS} usage events. Each event is accepted, found to be a duplicate, or
 * rejected on its own; accepted events are durable when the call returns.
 */
public record RecordUsageCommand(List<UsageEventInput> events, Actor actor) {
    public RecordUsageCommand {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        Objects.requireNonNull(actor, "actor");
        BillingException.require(!events.isEmpty(), "events must not be empty");
        BillingException.require(events.size() <= MAX_EVENTS,
                "events: at most " + MAX_EVENTS + " per batch but got " + events.size());
    }
    public static final int MAX_EVENTS = 1000;

    public static RecordUsageCommand single(UsageEventInput event, Actor actor) {
        return new RecordUsageCommand(List.of(event), actor);
    }
}

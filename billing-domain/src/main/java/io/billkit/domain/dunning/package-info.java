/**
 * Dunning: chasing an invoice whose payment failed, with retries on a schedule ({@link
 * io.billkit.domain.dunning.DunningPolicy}) and a final action after the last ({@link
 * io.billkit.domain.dunning.DunningFinalAction}); one {@link io.billkit.domain.dunning.DunningCase} per invoice.
 */
package io.billkit.domain.dunning;

/**
 * Forecasts and spending guards: {@link io.billkit.domain.forecast.LinearForecast} projects a window's usage to
 * its end, {@link io.billkit.domain.forecast.UsageForecast} prices the projection,
 * {@link io.billkit.domain.forecast.Budget}/{@link io.billkit.domain.forecast.BudgetCheck} compare spend with a
 * customer's budget, and {@link io.billkit.domain.forecast.ModelPolicy} keeps AI usage to allowed models.
 */
package io.billkit.domain.forecast;

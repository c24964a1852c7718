package io.healthsync.scoring.attribution;

import io.healthsync.scoring.playbooks.Interval;

/**
 * One touchpoint type's figures for one outcome (and segment), from the primary model, each with its 95%
 * bootstrap interval.
 *
 * @param credit      share of credit
 * @param revenue     attributed revenue (see {@link AttributedRevenue})
 * @param count       touchpoints of the type in the journeys' windows
 * @param journeys    journeys having the type in their window
 * @param cost        count x typical minutes / 60 x hourly cost
 * @param roi         attributed revenue / cost (for churn: the churned revenue it goes with the avoiding of, so
 *                    the sign flips: a type that comes with fewer churns has a positive ROI); null without cost
 * @param timing      when it matters most, or null
 */
public record TouchpointFigure(String touchpoint, double credit, Interval creditInterval, double revenue,
                               Interval revenueInterval, int count, int journeys, double cost, Double roi,
                               Interval roiInterval, TimingWindow timing) {
}

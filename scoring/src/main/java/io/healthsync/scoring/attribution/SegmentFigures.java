package io.healthsync.scoring.attribution;

import java.util.List;

/**
 * One segment's journeys and figures under the primary model. {@code lowSample}: fewer journeys than
 * attribution.yaml's min_journeys_per_segment, so its figures are shown but marked.
 */
public record SegmentFigures(String segment, int journeys, int reached, boolean lowSample,
                             List<TouchpointFigure> touchpoints, List<TouchpointFigure> top) {
}

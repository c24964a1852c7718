package io.healthsync.routes;

import org.apache.camel.builder.RouteBuilder;

/** `run`'s monthly retrain (scorecard.yaml model.retrain_cron): both models from the store, promoted only if better. */
final class RetrainRoutes extends RouteBuilder {

    static final String CRON_PROPERTY = "healthsync.model.retrainCron";

    private final ModelRetraining retraining;

    RetrainRoutes(ModelRetraining retraining) {
        this.retraining = retraining;
    }

    @Override
    public void configure() {
        // stateful: a retrain that outlasts its interval is not started twice at once
        from("quartz:healthsync/model-retrain?stateful=true&cron={{" + CRON_PROPERTY + "}}").routeId("model-retrain")
                .onException(Exception.class)
                    .handled(true)
                    .log(org.apache.camel.LoggingLevel.ERROR, "model retrain failed; the current models stay: ${exception.message}")
                .end()
                .process(exchange -> exchange.getMessage().setBody(retraining.retrainAll()));
    }
}

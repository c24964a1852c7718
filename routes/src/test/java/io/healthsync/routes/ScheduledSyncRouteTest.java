package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** `healthsync run`: the sync is started by a camel-quartz trigger on the cron from sources.yaml. */
class ScheduledSyncRouteTest extends CamelTestSupport {

    private static final String EVERY_SECOND = "0/1 * * * * ?";

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        context.getPropertiesComponent().addInitialProperty(SyncRoutes.CRON_PROPERTY, EVERY_SECOND.replace(' ', '+'));
        return new SyncRoutes(null, null, List.of(), new SyncRoutes.Schedule(false, report -> { }), run -> { });
    }

    @Test
    void the_quartz_trigger_starts_the_sync_on_its_cron() throws Exception {
        AdviceWith.adviceWith(context, "salesforce-sync-schedule",
                route -> route.weaveByToUri(SyncRoutes.SCHEDULED_SYNC).replace().to("mock:sync"));
        context.start();
        MockEndpoint sync = getMockEndpoint("mock:sync");
        sync.expectedMinimumMessageCount(2);

        sync.assertIsSatisfied(5000);

        QuartzEndpoint trigger = (QuartzEndpoint) context.getRoute("salesforce-sync-schedule").getEndpoint();
        assertThat(trigger.getCron()).isEqualTo(EVERY_SECOND);
    }

    @Test
    void one_shot_commands_have_no_schedule() throws Exception {
        try (org.apache.camel.impl.DefaultCamelContext other = new org.apache.camel.impl.DefaultCamelContext()) {
            other.addRoutes(new SyncRoutes(null, null, List.of(), null, run -> { }));
            assertThat(other.getRouteDefinitions()).extracting(r -> r.getRouteId())
                    .containsExactlyInAnyOrder("sync", "score-accounts");
        }
    }
}

package io.healthsync.connectors.salesforce;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.eclipse.jetty.client.Request;

/**
 * camel-salesforce with listeners on its HTTP client from the moment the client exists (the component
 * creates it when it starts), so no request, even one sent as soon as the routes start, goes unobserved.
 */
public final class ObservedSalesforceComponent extends SalesforceComponent {

    private final List<Request.Listener> listeners = new ArrayList<>();

    /** Observes every request the component's HTTP client sends (API call counting, Retry-After). */
    public void observeRequests(Request.Listener listener) {
        listeners.add(listener);
        if (getHttpClient() != null) {
            getHttpClient().getRequestListeners().addListener(listener);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        listeners.forEach(listener -> getHttpClient().getRequestListeners().addListener(listener));
    }
}

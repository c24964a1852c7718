package io.healthsync.sandbox;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;

/** The WireMock extension that answers every request from the sandbox's state instead of a fixed stub. */
final class SalesforceSandboxTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "salesforce-sandbox";

    private final SandboxRouter router;

    SalesforceSandboxTransformer(SandboxRouter router) {
        this.router = router;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String url = request.getUrl();
        int question = url.indexOf('?');
        SandboxRouter.Request routed = new SandboxRouter.Request(request.getMethod().getName(),
                question < 0 ? url : url.substring(0, question), question < 0 ? "" : url.substring(question + 1),
                request::getHeader, request.getBodyAsString());
        SandboxResponse response = router.handle(routed);
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(response.status());
        if (response.body() != null) {
            builder.withBody(response.body());
            if (!response.headers().containsKey("Content-Type")) {
                builder.withHeader("Content-Type", "application/json;charset=UTF-8");
            }
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            builder.withHeader(header.getKey(), header.getValue());
        }
        return builder.build();
    }
}

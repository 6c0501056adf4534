package io.bookstore.kit.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Objects;

/**
 * Shows the tests what the logging MDC holds once the kit's response filters have run (a
 * lower priority runs later on the way out): a tenant left there would label the log lines
 * of whatever runs next on the same context.
 */
public class MdcAfterResponse {

    static final String HEADER = "X-Test-Mdc-Tenant";
    static final String NONE = "none";

    @ServerResponseFilter(priority = Priorities.USER - 1000)
    public void report(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, Objects.toString(MDC.get(TenantFilter.MDC_KEY), NONE));
    }
}

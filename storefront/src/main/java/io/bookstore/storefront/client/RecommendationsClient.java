package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * recommendations as the storefront uses it: every failure is a {@link DownstreamProblemException}
 * or a {@link DownstreamUnavailableException}. Each call runs under its caller's tenant's breaker.
 */
@ApplicationScoped
public class RecommendationsClient {

    private final RecommendationsApi api;
    private final DownstreamGuards guards;

    public RecommendationsClient(@RestClient RecommendationsApi api, DownstreamGuards guards) {
        this.api = api;
        this.guards = guards;
    }

    public Uni<Recommendations> recommend(Caller caller, String isbn, int limit) {
        return guards.call(Downstreams.RECOMMENDATIONS, caller.tenant(),
                () -> api.recommend(caller.authorization(), isbn, limit));
    }
}

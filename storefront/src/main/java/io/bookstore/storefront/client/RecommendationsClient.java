package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** recommendations as the storefront uses it: every failure is a {@link DownstreamProblemException} or a {@link DownstreamUnavailableException}. */
@ApplicationScoped
public class RecommendationsClient {

    private final RecommendationsApi api;

    public RecommendationsClient(@RestClient RecommendationsApi api) {
        this.api = api;
    }

    public Uni<Recommendations> recommend(Caller caller, String isbn, int limit) {
        return api.recommend(caller.authorization(), isbn, limit)
                .onFailure().transform(failure -> Downstreams.translate(Downstreams.RECOMMENDATIONS, failure));
    }
}

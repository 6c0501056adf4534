package io.bookstore.kit.http;

import io.bookstore.contracts.Identity;
import io.bookstore.contracts.Tenants;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;

/**
 * Verifies the caller of a {@link TenantScoped} endpoint before its body is read: a bearer
 * token the OIDC extension accepted (signature against the realm's keys, issuer, audience,
 * expiry), the {@value Identity#SHOPPER_ROLE} role and a valid {@value Tenants#CLAIM} claim.
 * No token or a bad one is a 401 ({@link ProblemMappers}); a good token without the role or
 * the tenant is a 403. The tenant then goes to {@link Caller}, to the logging MDC under
 * {@link #MDC_KEY} (until the response is done), and to the request's local data for the
 * metrics' and spans' tenant tags. Other endpoints never look at a token, so a book page
 * stays open to anyone.
 */
public class TenantFilter {

    /** The MDC key of the tenant, which the JSON log lines and the console format carry. */
    public static final String MDC_KEY = "tenant";

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> verifyCaller(ResourceInfo resource) {
        if (!isTenantScoped(resource)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().invoke(this::verify).replaceWithVoid();
    }

    @ServerResponseFilter
    public void forgetTenant() {
        MDC.remove(MDC_KEY);
    }

    /** The tenant of the current request's verified token; empty before the filter ran, or on an endpoint that is not scoped. */
    public static Optional<String> verifiedTenant() {
        return ContextLocals.get(Tenants.VERIFIED_TENANT_LOCAL);
    }

    private void verify(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new ForbiddenException("the caller is not authenticated by a bearer token");
        }
        if (!identity.hasRole(Identity.SHOPPER_ROLE)) {
            throw new ForbiddenException("the token lacks the role '" + Identity.SHOPPER_ROLE + "'");
        }
        Object claim = token.getClaim(Tenants.CLAIM);
        if (!(claim instanceof String tenant) || !Tenants.isValid(tenant)) {
            throw new ForbiddenException("the token's '" + Tenants.CLAIM + "' claim is missing or does not match "
                    + Tenants.PATTERN);
        }
        Caller.verified(new Caller(tenant, token.getRawToken()));
        MDC.put(MDC_KEY, tenant);
        ContextLocals.put(Tenants.VERIFIED_TENANT_LOCAL, tenant);
    }

    private static boolean isTenantScoped(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(TenantScoped.class)
                || resource.getResourceClass().isAnnotationPresent(TenantScoped.class));
    }
}

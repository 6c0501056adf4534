package io.bookstore.kit.http;

import io.bookstore.testkit.KeycloakResource;
import io.quarkus.test.common.QuarkusTestResource;

/** The real Keycloak with the bookstore realm, for every test of the kit: they share one application. */
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = false)
public final class KitTestResources {

    private KitTestResources() {
    }
}

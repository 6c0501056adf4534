package io.bookstore.payments;

import io.bookstore.testkit.QuarkusApp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged service in its prod profile refuses to start on the secrets the repository
 * ships, and says which ones and how to set them. (No database is touched before the check:
 * migrations are off for this start.)
 */
class RepositorySecretsIT {

    @Test
    void theProdProfileRefusesTheRepositorysDevelopmentSecrets() {
        assertThatThrownBy(() -> QuarkusApp.start("payments-gateway-repository-secrets", QuarkusApp.packagedJar("payments-gateway"),
                Map.of("BOOKSTORE_SECRETS_ALLOW_DEVELOPMENT_DEFAULTS", "false",
                        "QUARKUS_FLYWAY_MIGRATE_AT_START", "false",
                        "BOOKSTORE_PSP_SECRET_KEY", "sk_test_from_a_secret_store")))
                .hasMessageContaining("refusing to start in the prod profile")
                .hasMessageContaining("bookstore.psp.webhook-secret (BOOKSTORE_PSP_WEBHOOK_SECRET)")
                .hasMessageContaining("quarkus.oidc-client.credentials.secret (QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET)")
                .hasMessageNotContaining("bookstore.psp.secret-key");
    }
}

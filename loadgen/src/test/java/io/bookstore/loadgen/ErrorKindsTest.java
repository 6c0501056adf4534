package io.bookstore.loadgen;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorKindsTest {

    @Test
    void aRefusedConnectionIsNamedAsSuch() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Throwable failure = client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).handle((response, error) -> error).join();

        assertThat(ErrorKinds.of(failure)).isEqualTo(ErrorKinds.CONNECTION_REFUSED);
    }

    @Test
    void otherFailuresAreNamedByTheirClassOrSqlState() {
        assertThat(ErrorKinds.of(new CompletionException(new IllegalStateException("x")))).isEqualTo("IllegalStateException");
        assertThat(ErrorKinds.of(new SQLException("duplicate", "23505"))).isEqualTo("SQLState 23505 (SQLException)");
    }
}

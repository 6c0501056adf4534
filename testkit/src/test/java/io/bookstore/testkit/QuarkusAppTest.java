package io.bookstore.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line a packaged service starts with: its AOT cache when the build left one. */
class QuarkusAppTest {

    @Test
    void startsFromTheAotCacheBesideTheJar(@TempDir Path quarkusApp) throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Files.createFile(quarkusApp.resolve("app.aot"));

        assertThat(QuarkusApp.command(jar)).containsSubsequence(
                "-XX:AOTCache=" + quarkusApp.resolve("app.aot"), "-jar", jar.toString());
    }

    @Test
    void startsWithoutACacheWhenNoneWasRecorded(@TempDir Path quarkusApp) throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));

        assertThat(QuarkusApp.command(jar)).noneMatch(argument -> argument.startsWith("-XX:AOTCache"))
                .endsWith("-jar", jar.toString());
    }

    @Test
    void givesAJdkBeforeTheAotCacheNoCacheToRefuse(@TempDir Path quarkusApp) throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Files.createFile(quarkusApp.resolve("app.aot"));

        assertThat(QuarkusApp.command(jar, 21)).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
    }
}

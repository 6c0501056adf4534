package io.bookstore.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

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
    void prefersTheCacheTrainedOnARealStartWhileItIsNewerThanTheJar(@TempDir Path quarkusApp) throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));
        Files.createFile(quarkusApp.resolve("app.aot"));
        Path trained = Files.createFile(quarkusApp.resolve(QuarkusApp.TRAINED_AOT_CACHE));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));

        assertThat(QuarkusApp.hasTrainedAotCache(jar)).isTrue();
        assertThat(QuarkusApp.command(jar)).contains("-XX:AOTCache=" + trained).doesNotContain("-XX:AOTCache=" + quarkusApp.resolve("app.aot"));

        // The jar was built again after the training: its classes may differ, the package-time cache is its own.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(QuarkusApp.hasTrainedAotCache(jar)).isFalse();
        assertThat(QuarkusApp.command(jar)).contains("-XX:AOTCache=" + quarkusApp.resolve("app.aot"));
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

    @Test
    void putsTheGivenJvmOptionsBeforeTheJar(@TempDir Path quarkusApp) throws IOException {
        Path jar = Files.createFile(quarkusApp.resolve("quarkus-run.jar"));

        assertThat(QuarkusApp.command(jar, 25, List.of("-XX:TieredStopAtLevel=1")))
                .endsWith("-XX:TieredStopAtLevel=1", "-jar", jar.toString());
    }
}

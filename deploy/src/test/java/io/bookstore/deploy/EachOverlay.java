package io.bookstore.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once for each overlay of {@link Rendering#OVERLAYS}, given the overlay's
 * name: one place says which overlays the deploy tests cover, so a new overlay is tested
 * everywhere at once.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@FieldSource("io.bookstore.deploy.Rendering#OVERLAYS")
@interface EachOverlay {
}

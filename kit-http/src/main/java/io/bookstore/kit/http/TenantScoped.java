package io.bookstore.kit.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint, or every endpoint of the class, acts for the caller's tenant:
 * {@link TenantFilter} requires a verified shopper's token that names one, and puts it in
 * {@link Caller}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantScoped {
}

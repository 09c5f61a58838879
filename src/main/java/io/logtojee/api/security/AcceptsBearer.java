package io.logtojee.api.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resources that REST clients may call with a Logto access token ({@code Authorization:
 * Bearer}). Only these see {@link BearerAuthenticationFilter}: other endpoints, such as the mail
 * sender whose caller also uses an Authorization header, are left alone.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AcceptsBearer {}

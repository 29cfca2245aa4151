/**
 * Who is asking: bearer JWTs verified against a configured key (an HMAC secret or a JWKS) and
 * turned into a Warden actor whose claims become just-in-time attributes. Fails closed: anything
 * but a well-formed, correctly signed, current token meant for this service is rejected with {@link
 * dev.warden.api.ErrorCode#UNAUTHENTICATED}.
 */
package dev.warden.identity;

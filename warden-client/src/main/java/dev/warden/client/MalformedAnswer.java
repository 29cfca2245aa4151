package dev.warden.client;

/**
 * A 2xx answer whose body lacks a field or has one of the wrong type; the caller names the call.
 */
final class MalformedAnswer extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedAnswer(String message) {
    super(message, null, false, false);
  }
}

package dev.warden;

final class Placeholder {
  private Placeholder() {}
}

package dev.warden.lang;

/** How bad a diagnostic is. Only errors stop compilation. */
public enum Severity {
  ERROR,
  WARNING;

  /** The lowercase word a rendered diagnostic starts with. */
  public String word() {
    return this == ERROR ? "error" : "warning";
  }
}

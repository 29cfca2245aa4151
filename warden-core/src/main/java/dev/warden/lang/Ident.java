package dev.warden.lang;

/** A name as written (a bare name, or the content of a quoted string), with where it stands. */
record Ident(String text, Span span) {}

/**
 * The policy language front end: source text in, a compiled {@link dev.warden.model.Policy} or
 * diagnostics out.
 *
 * <pre>
 *   SourceFile ──Lexer/Parser──▶ SyntaxTree ──Checker──▶ Symbols ──Lowering──▶ Policy
 *                    │                            │
 *                    └──────── Diagnostic ◀───────┘──▶ DiagnosticRenderer
 * </pre>
 *
 * <p>Every stage reports problems as {@link dev.warden.lang.Diagnostic} data and keeps going, so
 * one run reports everything; only {@link dev.warden.lang.DiagnosticRenderer} turns them into text.
 * The compiler never throws on user input. {@link dev.warden.lang.PolicyFormatter} prints the
 * canonical layout from the same syntax tree. The engine depends only on the model, never on this
 * package.
 */
package dev.warden.lang;

/**
 * {@code warden demo}: runnable end-to-end demos of the integrations, over the policies and corpus
 * bundled from {@code examples/}. They need no network and no configured model: without one, a
 * deterministic {@link dev.warden.cli.demo.ScriptedPlanner} (a rule-based stand-in, not a language
 * model) drives the agent, and the RAG demo prints the passages it retrieved.
 */
package dev.warden.cli.demo;

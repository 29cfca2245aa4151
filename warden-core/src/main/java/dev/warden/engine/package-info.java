/**
 * The evaluation engine: Zanzibar userset-rewrite evaluation over the in-memory index, in
 * three-valued logic, for check and explain.
 *
 * <pre>
 *   Policy (model) --PlanCompiler--> PolicyPlan: per type and relation a tree of Nodes,
 *                                    names resolved to the index's numbers, CEL compiled
 *   CheckRequest --Engine--> Evaluator (one per request) walks the plan:
 *       relation(type, object, rel) -> Node.evaluate -> index lookups, recursion, CEL
 *   explain: TracingEvaluator, the same walk recording every branch into a Tracer
 *   lookups: ResourceLookup, SubjectLookup walk Node.Visitor to a Fixpoint over a Lattice
 * </pre>
 *
 * Cycle safety: the evaluator keeps the path of relations it is inside; coming back to one yields
 * false for that branch (the least fixpoint, since the type checker rejects cycles through {@code
 * not}). Depth is limited; past the limit the check fails with an error rather than an answer.
 */
package dev.warden.engine;

package dev.warden.langchain4j;

/** How {@link AuthorizedContentRetriever} enforced permissions for one query. */
public enum RetrievalPath {
  /** The authorized ids (and residual rule) went into the store's metadata filter. */
  PUSHED_DOWN,
  /** Too many authorized resources to list: candidates were over-fetched and bulk-checked. */
  POST_FILTERED,
  /** The user may read nothing of the type; the store was not queried. */
  NOTHING_AUTHORIZED
}

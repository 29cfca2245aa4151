package dev.warden.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.warden.api.Authorizer;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionIds;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.Names;
import dev.warden.api.Residual;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ContentRetriever} that returns only chunks of resources the user may read.
 *
 * <pre>
 *   lookupResources(user, read, Document, residual)
 *     │ ≤ pushDownLimit ids ──► filter = type ∧ tenant ∧ (resource_id ∈ ids ∨ residual(attrs))
 *     │                          one store query with that filter: top maxResults      PUSHED_DOWN
 *     │ more ids ────────────► store query with type ∧ tenant only, maxResults × overFetch;
 *     │                          checkBulk the distinct resources; keep the allowed; too few
 *     │                          and more in the store? fetch twice as many (≤ maxFetch)  POST_FILTERED
 *     │ none, no residual ───► nothing                                         NOTHING_AUTHORIZED
 * </pre>
 *
 * <p>Both paths return the same chunks: the top {@code maxResults} of the ranking restricted to
 * authorized chunks (the post-filter path stops early only when {@code maxFetch} candidates held
 * too few authorized ones, and then returns fewer, never an unauthorized one). Chunks without a
 * {@link ResourceTag} are never returned.
 */
public final class AuthorizedContentRetriever implements ContentRetriever {

  /** The {@code source} of the decisions this retriever records. */
  public static final String AUDIT_SOURCE = "rag-retrieval";

  private final Authorizer authorizer;
  private final EmbeddingModel model;
  private final EmbeddingStore<TextSegment> store;
  private final EntityRef actor;
  private final Map<String, Object> actorAttributes;
  private final String resourceType;
  private final String action;
  private final String tenant;
  private final int maxResults;
  private final double minScore;
  private final int pushDownLimit;
  private final int overFetch;
  private final int maxFetch;
  private final boolean useResidual;
  private final DecisionLog log;

  private AuthorizedContentRetriever(Builder b) {
    authorizer = Objects.requireNonNull(b.authorizer, "authorizer");
    model = Objects.requireNonNull(b.model, "embeddingModel");
    store = Objects.requireNonNull(b.store, "embeddingStore");
    actor = Objects.requireNonNull(b.actor, "actor");
    actorAttributes = Map.copyOf(b.actorAttributes);
    resourceType = b.resourceType;
    action = b.action;
    tenant = b.tenant;
    maxResults = b.maxResults;
    minScore = b.minScore;
    pushDownLimit = b.pushDownLimit;
    overFetch = b.overFetch;
    maxFetch = Math.max(b.maxFetch, b.maxResults);
    useResidual = b.useResidual;
    log = b.log;
  }

  /** A builder; the authorizer, embedding model, store and actor are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Content> retrieve(Query query) {
    return retrieveWithPath(query.text()).contents();
  }

  /** Retrieves for a question and says how permissions were enforced. */
  public Retrieval retrieveWithPath(String question) {
    Authorized authorized = lookup();
    if (authorized == null) {
      return postFiltered(model.embed(question).content());
    }
    if (authorized.ids().isEmpty() && authorized.residual() == null) {
      return new Retrieval(List.of(), RetrievalPath.NOTHING_AUTHORIZED, 0);
    }
    Embedding q = model.embed(question).content();
    Filter allowed = null;
    if (!authorized.ids().isEmpty()) {
      allowed = metadataKey(ResourceTag.ID).isIn(authorized.ids());
    }
    if (authorized.residual() != null) {
      Filter r = new ResidualFilter(authorized.residual());
      allowed = allowed == null ? r : allowed.or(r);
    }
    List<EmbeddingMatch<TextSegment>> matches = search(q, maxResults, base().and(allowed));
    List<Content> out = new ArrayList<>();
    for (EmbeddingMatch<TextSegment> m : matches) {
      // INVARIANT: the store applied the filter; resourceOf is null only for untagged chunks,
      // which the type filter already excluded, so this is a guard, not a second check.
      if (ResourceTag.resourceOf(m.embedded().metadata()) != null) {
        out.add(content(m));
      }
    }
    audit(out, null, "retrieved: within the lookup filter");
    return new Retrieval(out, RetrievalPath.PUSHED_DOWN, matches.size());
  }

  /** The authorized ids and residual, or null when there are more ids than pushDownLimit. */
  private Authorized lookup() {
    if (pushDownLimit == 0) {
      return null;
    }
    LookupResourcesRequest request = LookupResourcesRequest.of(actor, action, resourceType);
    request = request.with(actorAttributes, Map.of(), List.of());
    if (useResidual) {
      request = request.withResidual();
    }
    if (tenant != null) {
      request = request.inTenant(tenant);
    }
    Set<String> ids = new LinkedHashSet<>();
    Residual residual = null;
    String cursor = null;
    do {
      int room = pushDownLimit + 1 - ids.size();
      LookupResourcesResult page =
          authorizer.lookupResources(
              request.page(cursor, Math.min(Math.max(room, 1), LookupResourcesRequest.MAX_LIMIT)));
      ids.addAll(page.ids());
      residual = page.residual() != null ? page.residual() : residual;
      if (ids.size() > pushDownLimit) {
        return null;
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return new Authorized(List.copyOf(ids), residual);
  }

  private record Authorized(List<String> ids, Residual residual) {}

  private Retrieval postFiltered(Embedding q) {
    Map<EntityRef, Decision> decided = new LinkedHashMap<>();
    int fetch = Math.min(Math.max(maxResults * overFetch, maxResults), maxFetch);
    int fetchedTotal = 0;
    List<Content> out;
    while (true) {
      List<EmbeddingMatch<TextSegment>> matches = search(q, fetch, base());
      fetchedTotal += matches.size();
      decide(matches, decided);
      out = new ArrayList<>();
      for (EmbeddingMatch<TextSegment> m : matches) {
        EntityRef r = ResourceTag.resourceOf(m.embedded().metadata());
        Decision d = r == null ? null : decided.get(r);
        if (d != null && d.allowed() && out.size() < maxResults) {
          out.add(content(m));
        }
      }
      boolean storeExhausted = matches.size() < fetch;
      if (out.size() >= maxResults || storeExhausted || fetch >= maxFetch) {
        break;
      }
      fetch = (int) Math.min((long) fetch * 2, maxFetch);
    }
    audit(out, decided, "retrieved: allowed by a bulk check");
    return new Retrieval(out, RetrievalPath.POST_FILTERED, fetchedTotal);
  }

  /** Bulk-checks the resources of the matches not decided yet. */
  private void decide(List<EmbeddingMatch<TextSegment>> matches, Map<EntityRef, Decision> decided) {
    Map<EntityRef, CheckRequest> pending = new LinkedHashMap<>();
    for (EmbeddingMatch<TextSegment> m : matches) {
      EntityRef r = ResourceTag.resourceOf(m.embedded().metadata());
      if (r != null && !decided.containsKey(r) && !pending.containsKey(r)) {
        String chunkTenant = m.embedded().metadata().getString(ResourceTag.TENANT);
        pending.put(
            r,
            CheckRequest.builder(actor, action, r)
                .tenant(tenant != null ? tenant : chunkTenant)
                .actorAttributes(actorAttributes)
                .build());
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    List<EntityRef> order = new ArrayList<>(pending.keySet());
    List<Decision> decisions = authorizer.checkBulk(new ArrayList<>(pending.values()));
    for (int i = 0; i < order.size(); i++) {
      decided.put(order.get(i), decisions.get(i));
    }
  }

  /** Chunks of the configured type (and tenant): the part of the filter that is not a grant. */
  private Filter base() {
    Filter f = metadataKey(ResourceTag.TYPE).isEqualTo(resourceType);
    return tenant == null ? f : f.and(metadataKey(ResourceTag.TENANT).isEqualTo(tenant));
  }

  private List<EmbeddingMatch<TextSegment>> search(Embedding q, int n, Filter filter) {
    return store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(q)
                .maxResults(n)
                .minScore(minScore)
                .filter(filter)
                .build())
        .matches();
  }

  private static Content content(EmbeddingMatch<TextSegment> m) {
    return Content.from(
        m.embedded(),
        Map.of(
            ContentMetadata.SCORE, m.score(),
            ContentMetadata.EMBEDDING_ID, m.embeddingId()));
  }

  /** Records one allowed decision per distinct resource quoted. */
  private void audit(List<Content> contents, Map<EntityRef, Decision> decided, String reason) {
    if (log == DecisionLog.NONE) {
      return;
    }
    Set<EntityRef> seen = new LinkedHashSet<>();
    for (Content c : contents) {
      EntityRef r = ResourceTag.resourceOf(c.textSegment().metadata());
      if (r == null || !seen.add(r)) {
        continue;
      }
      Decision d = decided == null ? null : decided.get(r);
      log.record(
          new DecisionEvent(
              Instant.now(),
              d != null && d.decisionId() != null ? d.decisionId() : DecisionIds.next(),
              actor,
              action,
              r,
              c.textSegment().metadata().getString(ResourceTag.TENANT),
              true,
              d == null ? -1 : d.revision(),
              null,
              reason,
              0,
              null,
              AUDIT_SOURCE));
    }
  }

  /** Configures an {@link AuthorizedContentRetriever}. */
  public static final class Builder {
    private Authorizer authorizer;
    private EmbeddingModel model;
    private EmbeddingStore<TextSegment> store;
    private EntityRef actor;
    private Map<String, Object> actorAttributes = Map.of();
    private String resourceType = "Document";
    private String action = "read";
    private String tenant;
    private int maxResults = 5;
    private double minScore;
    private int pushDownLimit = 10_000;
    private int overFetch = 4;
    private int maxFetch = 1_000;
    private boolean useResidual = true;
    private DecisionLog log = DecisionLog.NONE;

    private Builder() {}

    /** Decides permissions: the embedded engine or the HTTP client. */
    public Builder authorizer(Authorizer value) {
      authorizer = value;
      return this;
    }

    /** Embeds the question; must be the model the chunks were embedded with. */
    public Builder embeddingModel(EmbeddingModel value) {
      model = value;
      return this;
    }

    /** Holds the tagged chunks. */
    public Builder embeddingStore(EmbeddingStore<TextSegment> value) {
      store = value;
      return this;
    }

    /** Who asks. */
    public Builder actor(EntityRef value) {
      actor = value;
      return this;
    }

    /** Just-in-time attributes of the actor, such as verified token claims. */
    public Builder actorAttributes(Map<String, Object> value) {
      actorAttributes = value;
      return this;
    }

    /** The resource type chunks belong to; {@code Document} by default. */
    public Builder resourceType(String value) {
      resourceType = Names.requireName(value, "resource type");
      return this;
    }

    /** The action required to see a chunk; {@code read} by default. */
    public Builder action(String value) {
      action = Names.requireName(value, "action");
      return this;
    }

    /** Only chunks of this tenant; null (the default) for all. */
    public Builder tenant(String value) {
      tenant = value == null ? null : Names.requireId(value, "tenant");
      return this;
    }

    /** How many chunks to return; 5 by default. */
    public Builder maxResults(int value) {
      maxResults = positive(value, "maxResults");
      return this;
    }

    /** The lowest similarity score returned; 0 by default. */
    public Builder minScore(double value) {
      minScore = value;
      return this;
    }

    /**
     * The most authorized ids put into a store filter (10,000 by default); above it retrieval
     * over-fetches and bulk-checks instead. 0 always post-filters.
     */
    public Builder pushDownLimit(int value) {
      if (value < 0 || value > LookupResourcesRequest.MAX_LIMIT) {
        throw new IllegalArgumentException(
            "pushDownLimit must be between 0 and " + LookupResourcesRequest.MAX_LIMIT);
      }
      pushDownLimit = value;
      return this;
    }

    /** Post-filtering first fetches maxResults × this many candidates; 4 by default. */
    public Builder overFetch(int value) {
      overFetch = positive(value, "overFetch");
      return this;
    }

    /** Post-filtering never fetches more candidates than this; 1,000 by default. */
    public Builder maxFetch(int value) {
      maxFetch = positive(value, "maxFetch");
      return this;
    }

    /**
     * Whether attribute rules are applied to the attributes copied into chunks (true, the default)
     * or enumerated by the lookup from stored attributes (false; use when chunk copies may be
     * stale).
     */
    public Builder useResidual(boolean value) {
      useResidual = value;
      return this;
    }

    /** Where the resources quoted are recorded (source {@code rag-retrieval}). */
    public Builder decisionLog(DecisionLog value) {
      log = Objects.requireNonNull(value, "decisionLog");
      return this;
    }

    private static int positive(int value, String what) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1");
      }
      return value;
    }

    /** The retriever. */
    public AuthorizedContentRetriever build() {
      return new AuthorizedContentRetriever(this);
    }
  }
}

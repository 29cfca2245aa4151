package dev.warden.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.warden.api.EntityRef;
import dev.warden.api.Names;
import dev.warden.api.WardenException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The resource a chunk came from, written into every chunk's metadata at ingestion so retrieval can
 * be filtered by permission. Metadata holds single values only, so each chunk names exactly one
 * resource.
 *
 * <p>Keys: {@value #TYPE}, {@value #ID}, {@value #TENANT} (when known), and each attribute as
 * {@value #ATTRIBUTE_PREFIX}{@code <name>} (booleans as the strings {@code true}/{@code false},
 * since metadata has no boolean type). Attributes are copied so a residual attribute rule (such as
 * {@code resource.is_public}) can be applied inside the store's query.
 *
 * @param resource the resource, such as {@code Document:q3-budget}
 * @param tenant its tenant, or null
 * @param attributes scalar attributes of the resource (string, boolean, integer, double)
 */
public record ResourceTag(EntityRef resource, String tenant, Map<String, Object> attributes) {

  /** Metadata key of the resource type. */
  public static final String TYPE = "resource_type";

  /** Metadata key of the resource id. */
  public static final String ID = "resource_id";

  /** Metadata key of the tenant. */
  public static final String TENANT = "tenant";

  /** Prefix of the metadata keys of resource attributes. */
  public static final String ATTRIBUTE_PREFIX = "attr_";

  public ResourceTag {
    Objects.requireNonNull(resource, "resource");
    if (tenant != null) {
      Names.requireId(tenant, "tenant");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    attributes.forEach(ResourceTag::requireScalar);
  }

  /** A tag with no tenant and no attributes. */
  public static ResourceTag of(EntityRef resource) {
    return new ResourceTag(resource, null, Map.of());
  }

  private static void requireScalar(String name, Object value) {
    if (!(value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float)) {
      throw WardenException.invalid(
          "attribute `"
              + name
              + "` of a chunk's resource must be a string, boolean or number; chunk metadata"
              + " holds single values only");
    }
  }

  /** Writes the tag into chunk metadata. */
  void writeTo(Metadata metadata) {
    metadata.put(TYPE, resource.type());
    metadata.put(ID, resource.id());
    if (tenant != null) {
      metadata.put(TENANT, tenant);
    }
    attributes.forEach(
        (name, value) -> {
          String key = ATTRIBUTE_PREFIX + name;
          if (value instanceof Boolean || value instanceof String) {
            metadata.put(key, value.toString());
          } else if (value instanceof Integer || value instanceof Long) {
            metadata.put(key, ((Number) value).longValue());
          } else {
            metadata.put(key, ((Number) value).doubleValue());
          }
        });
  }

  /** The resource a chunk's metadata names, or null when it is untagged (never returned). */
  static EntityRef resourceOf(Metadata metadata) {
    String type = metadata.getString(TYPE);
    String id = metadata.getString(ID);
    if (type == null || id == null) {
      return null;
    }
    try {
      return EntityRef.of(type, id);
    } catch (WardenException e) {
      return null;
    }
  }
}

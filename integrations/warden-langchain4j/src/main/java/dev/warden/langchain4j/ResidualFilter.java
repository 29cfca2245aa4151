package dev.warden.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.warden.api.Residual;
import dev.warden.condition.ResidualPredicate;
import java.util.HashMap;
import java.util.Map;

/**
 * A lookup's residual attribute rule (such as {@code resource.is_public}) as a metadata filter,
 * evaluated on the attributes {@link ResourceTag} copied into each chunk. Stores that translate
 * filters into their own query language understand only LangChain4j's built-in filters; this one
 * runs in stores that test filters in Java, such as the in-memory store. Fails closed: a chunk
 * without the attribute, or with a value of another type, does not match.
 */
final class ResidualFilter implements Filter {

  private final ResidualPredicate predicate;
  private final Map<String, String> types;

  ResidualFilter(Residual residual) {
    predicate = ResidualPredicate.compile(residual);
    types = residual.attributeTypes();
  }

  @Override
  public boolean test(Object object) {
    if (!(object instanceof Metadata m)) {
      return false;
    }
    Map<String, Object> attributes = new HashMap<>();
    types.forEach(
        (name, type) -> {
          Object v = m.toMap().get(ResourceTag.ATTRIBUTE_PREFIX + name);
          if (v != null) {
            attributes.put(name, decode(type, v));
          }
        });
    return predicate.test(m.getString(ResourceTag.TYPE), m.getString(ResourceTag.ID), attributes);
  }

  // Metadata has no boolean type: ResourceTag stores booleans as "true"/"false".
  private static Object decode(String type, Object value) {
    if (type.equals("bool") && value instanceof String s) {
      if (s.equals("true") || s.equals("false")) {
        return Boolean.valueOf(s);
      }
      return value;
    }
    if (type.equals("int") && value instanceof Number n) {
      return n.longValue();
    }
    if (type.equals("double") && value instanceof Number n) {
      return n.doubleValue();
    }
    return value;
  }
}

package dev.warden.langchain4j;

import dev.warden.api.EntityRef;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/** The {@link ToolResources} of a {@code @Tool} method, read from its annotated parameters. */
final class AnnotatedResources {

  private AnnotatedResources() {}

  static ToolResources of(Method method) {
    List<Parameter> marked = new ArrayList<>();
    for (Parameter p : method.getParameters()) {
      if (p.isAnnotationPresent(AuthorizedResource.class)) {
        if (!p.isNamePresent()) {
          // Without -parameters the argument names are arg0, arg1... and would never match.
          throw new IllegalStateException(
              "compile tools with -parameters: "
                  + method
                  + " has an @AuthorizedResource parameter without its name");
        }
        marked.add(p);
      }
    }
    if (marked.isEmpty()) {
      return ToolResources.NONE;
    }
    return request -> {
      List<ResourceAccess> out = new ArrayList<>(marked.size());
      for (Parameter p : marked) {
        AuthorizedResource a = p.getAnnotation(AuthorizedResource.class);
        String id = Arguments.text(request.arguments(), p.getName());
        out.add(new ResourceAccess(a.action(), EntityRef.of(a.type(), id)));
      }
      return out;
    };
  }
}

package dev.warden.condition;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.warden.model.AttributeType;
import dev.warden.model.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the CEL environment of a scope: one qualified variable per visible attribute. */
final class CelSupport {

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .evaluateCanonicalTypesToNativeValues(true)
          .enableHeterogeneousNumericComparisons(true)
          .enableUnknownTracking(true)
          .build();

  /** CEL's view of an {@code ipaddress} value: an {@link IpAddress}. */
  static final OpaqueType IPADDRESS = OpaqueType.create("ipaddress");

  private static final String IN_CIDR = "ipaddress_in_cidr_string";
  private static final String TO_IPADDRESS = "string_to_ipaddress";

  private CelSupport() {}

  /** The CEL type of an attribute type. */
  static CelType celType(AttributeType type) {
    return switch (type.kind()) {
      case BOOL -> SimpleType.BOOL;
      case INT -> SimpleType.INT;
      case UINT -> SimpleType.UINT;
      case DOUBLE -> SimpleType.DOUBLE;
      case STRING -> SimpleType.STRING;
      case TIMESTAMP -> SimpleType.TIMESTAMP;
      case DURATION -> SimpleType.DURATION;
      case IPADDRESS -> IPADDRESS;
      case LIST -> ListType.create(celType(type.element()));
      case MAP -> MapType.create(SimpleType.STRING, celType(type.element()));
    };
  }

  /** Every variable the scope declares, by CEL name, with where its value comes from. */
  static Map<String, Variable> variables(ExpressionScope scope) {
    Map<String, Variable> vars = new LinkedHashMap<>();
    if (scope.rule()) {
      addRoot(vars, Variable.Root.ACTOR, scope.actor());
      addRoot(vars, Variable.Root.RESOURCE, scope.resource());
    }
    for (Parameter p : scope.parameters()) {
      vars.put(p.name(), new Variable(Variable.Root.PARAMETER, p.name(), p.type()));
    }
    return vars;
  }

  private static void addRoot(
      Map<String, Variable> vars, Variable.Root root, Map<String, AttributeType> attributes) {
    for (String builtIn : ExpressionScope.BUILT_IN_ATTRIBUTES) {
      vars.put(root.prefix() + builtIn, new Variable(root, builtIn, AttributeType.STRING));
    }
    attributes.forEach(
        (name, type) -> vars.put(root.prefix() + name, new Variable(root, name, type)));
  }

  /** A CEL environment declaring the scope's variables, with a bool result. */
  static Cel environment(Map<String, Variable> variables) {
    CelBuilder b =
        CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(ExpressionScope.CONTEXT, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .addFunctionDeclarations(
                CelFunctionDecl.newFunctionDeclaration(
                    "in_cidr",
                    CelOverloadDecl.newMemberOverload(
                        IN_CIDR, SimpleType.BOOL, IPADDRESS, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration(
                    "ipaddress",
                    CelOverloadDecl.newGlobalOverload(TO_IPADDRESS, IPADDRESS, SimpleType.STRING)))
            .addFunctionBindings(
                CelFunctionBinding.from(IN_CIDR, IpAddress.class, String.class, IpAddress::inCidr),
                CelFunctionBinding.from(TO_IPADDRESS, String.class, CelSupport::toIpAddress));
    variables.forEach((name, v) -> b.addVar(name, celType(v.type())));
    return b.build();
  }

  /**
   * {@code ipaddress("10.0.0.1")}: an evaluation error, so a deny, for a string that is not one.
   */
  private static IpAddress toIpAddress(String text) {
    IpAddress ip = IpAddress.parse(text);
    if (ip == null) {
      throw new IllegalArgumentException("`" + text + "` is not an IP address");
    }
    return ip;
  }
}

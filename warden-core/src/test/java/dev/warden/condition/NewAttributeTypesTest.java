package dev.warden.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.primitives.UnsignedLong;
import dev.warden.api.Residual;
import dev.warden.model.AttributeType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values of {@code uint}, {@code map<T>} and {@code ipaddress}, and their spelling. */
class NewAttributeTypesTest {

  @Test
  void everyTypeParsesBackFromItsSpelling() {
    List<AttributeType> types =
        List.of(
            AttributeType.UINT,
            AttributeType.IPADDRESS,
            AttributeType.mapOf(AttributeType.INT),
            AttributeType.mapOf(AttributeType.listOf(AttributeType.IPADDRESS)),
            AttributeType.listOf(AttributeType.mapOf(AttributeType.UINT)));
    for (AttributeType t : types) {
      assertThat(AttributeType.parse(t.toString())).as(t.toString()).isEqualTo(t);
    }
    assertThat(AttributeType.parse("map<>")).isNull();
    assertThat(AttributeType.parse("map")).isNull();
    assertThatThrownBy(() -> new AttributeType(AttributeType.Kind.MAP, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uintCoversZeroToTwoToTheSixtyFourMinusOne() {
    assertThat(Values.coerce(AttributeType.UINT, 0L)).isEqualTo(UnsignedLong.ZERO);
    assertThat(Values.coerce(AttributeType.UINT, new BigInteger("18446744073709551615")))
        .isEqualTo(UnsignedLong.MAX_VALUE);
    for (Object bad : new Object[] {-1L, new BigInteger("18446744073709551616"), 1.0, "1"}) {
      assertThat(Values.fits(AttributeType.UINT, bad)).as(String.valueOf(bad)).isFalse();
    }
  }

  @Test
  void ipaddressIsALiteralNeverAHostName() {
    for (String ok : new String[] {"10.0.0.1", "2001:db8::1", "::", "::ffff:10.0.0.1"}) {
      assertThat(Values.fits(AttributeType.IPADDRESS, ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"300.1.1.1", "localhost", "", "10.0.0.1/8", "1.2.3"}) {
      assertThat(Values.fits(AttributeType.IPADDRESS, bad)).as(bad).isFalse();
    }
    assertThat(IpAddress.parse("::ffff:10.0.0.1")).isEqualTo(IpAddress.parse("10.0.0.1"));
    assertThat(IpAddress.parse("2001:0db8:0:0:0:0:0:1")).hasToString("2001:db8::1");
  }

  @Test
  void inCidrIgnoresHostBitsAndRefusesMalformedBlocks() {
    IpAddress ip = IpAddress.parse("10.1.2.3");
    assertThat(ip.inCidr("10.1.99.99/16")).isTrue();
    assertThat(ip.inCidr("0.0.0.0/0")).isTrue();
    assertThat(ip.inCidr("10.1.2.3/32")).isTrue();
    assertThat(ip.inCidr("10.1.2.4/32")).isFalse();
    assertThat(ip.inCidr("::/0")).isFalse();
    for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "x/8", "10.0.0.0/"}) {
      assertThatThrownBy(() -> ip.inCidr(bad)).as(bad).hasMessageContaining(bad);
    }
  }

  @Test
  void aResidualOverMapAndIpaddressAttributesCompiles() {
    ResidualPredicate p =
        ResidualPredicate.compile(
            new Residual(
                "resource.net.in_cidr(\"10.0.0.0/8\") && resource.limits.max >= 2",
                Map.of("net", "ipaddress", "limits", "map<int>")));
    assertThat(p.test(Map.of("net", "10.9.9.9", "limits", Map.of("max", 3)))).isTrue();
    assertThat(p.test(Map.of("net", "11.9.9.9", "limits", Map.of("max", 3)))).isFalse();
    assertThat(p.test(Map.of("net", "10.9.9.9"))).isFalse();
  }
}

package dev.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A whole number above a long but within 64 unsigned bits (a {@code uint}) arrives exactly. */
class BigWholeNumberTest {

  private static Object plain(String json) throws Exception {
    return Values.plain(new ObjectMapper().readTree(json));
  }

  @Test
  void aUintAboveALongStaysExactAndLargerNumbersBecomeDoubles() throws Exception {
    assertThat(plain("18446744073709551615")).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(plain("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(plain("18446744073709551616")).isEqualTo(1.8446744073709552E19);
    assertThat(plain("-9223372036854775809")).isInstanceOf(Double.class);
  }
}

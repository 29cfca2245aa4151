package dev.warden.condition;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address: the value CEL sees for an {@code ipaddress} attribute or parameter.
 * Parsing never consults DNS; an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4
 * address it maps, as in the other engines that have this type.
 */
public final class IpAddress {

  private final byte[] bytes;

  private IpAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The address written as {@code text}, or null when it is not an IP address literal. */
  public static IpAddress parse(String text) {
    if (text.isEmpty() || !InetAddresses.isInetAddress(text)) {
      return null;
    }
    InetAddress a = InetAddresses.forString(text);
    return new IpAddress(a.getAddress());
  }

  /**
   * True when this address is inside {@code cidr} ({@code 10.0.0.0/8}, {@code 2001:db8::/32});
   * false when the families differ. Host bits set in the network address are ignored.
   *
   * @throws IllegalArgumentException when {@code cidr} is not a CIDR block, so the evaluation fails
   *     closed with the reason
   */
  public boolean inCidr(String cidr) {
    int slash = cidr.indexOf('/');
    IpAddress network = slash < 0 ? null : parse(cidr.substring(0, slash));
    int bits = network == null ? -1 : prefixLength(cidr.substring(slash + 1), network);
    if (bits < 0) {
      throw new IllegalArgumentException("`" + cidr + "` is not a CIDR block such as 10.0.0.0/8");
    }
    if (network.bytes.length != bytes.length) {
      return false;
    }
    int width = bytes.length * 8;
    BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
    mask = mask.shiftRight(width - bits).shiftLeft(width - bits);
    return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network.bytes).and(mask));
  }

  private static int prefixLength(String text, IpAddress network) {
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int bits = Integer.parseInt(text);
    return bits <= network.bytes.length * 8 ? bits : -1;
  }

  /** True for an IPv4 address. */
  public boolean v4() {
    return bytes.length == 4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The canonical text: dotted quad, or RFC 5952 IPv6. */
  @Override
  public String toString() {
    try {
      InetAddress a = InetAddress.getByAddress(bytes);
      return a instanceof Inet4Address ? a.getHostAddress() : InetAddresses.toAddrString(a);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("an address of 4 or 16 bytes", e);
    }
  }
}

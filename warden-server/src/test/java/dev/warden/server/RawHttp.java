package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket, for what the JDK client refuses to send (malformed
 * percent-encoding, custom methods, {@code Expect: 100-continue} handled by hand) and for counting
 * connections. One connection per instance; responses are read by {@code Content-Length}.
 */
final class RawHttp implements AutoCloseable {

  /** One response: status, headers (names lower case), body. */
  record Response(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return TestServer.JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }
  }

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) {
    this(port, 10_000);
  }

  RawHttp(int port, int timeoutMillis) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(timeoutMillis);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one request with a body (Content-Length set) and reads the answer. */
  static Response exchange(int port, String method, String target, String key, byte[] body) {
    try (RawHttp c = new RawHttp(port)) {
      c.send(head(method, target, key, body.length, Map.of()));
      c.send(body);
      return c.read();
    }
  }

  /** A request head: request line, Host, optional key and length, extra headers, blank line. */
  static byte[] head(
      String method, String target, String key, long length, Map<String, String> extra) {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (key != null) {
      sb.append("Authorization: Bearer ").append(key).append("\r\n");
    }
    if (length >= 0) {
      sb.append("Content-Length: ").append(length).append("\r\n");
    }
    extra.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response; an interim 1xx response is returned as such. */
  Response read() {
    try {
      String statusLine = line();
      if (statusLine == null) {
        throw new IOException("the server closed the connection");
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      Map<String, String> headers = new LinkedHashMap<>();
      for (String l = line(); l != null && !l.isEmpty(); l = line()) {
        int colon = l.indexOf(':');
        headers.put(
            l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the server closed the connection (end of stream or reset) within the timeout. */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}

package dev.warden.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: sends a request, reads the whole
 * response, and only then sends the next (no pipelining), so each latency is one round trip.
 */
final class LoadConnection {

  private final SocketChannel channel;
  private final byte[][] requests;
  private final ByteBuffer in = ByteBuffer.allocate(1 << 16);
  private ByteBuffer out;
  private int next;
  private long sentAt;

  LoadConnection(InetSocketAddress address, byte[][] requests, int offset) throws IOException {
    this.channel = SocketChannel.open(address);
    this.channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
    this.channel.configureBlocking(false);
    this.requests = requests;
    this.next = offset % requests.length;
  }

  SocketChannel channel() {
    return channel;
  }

  /** Starts the next request; returns true when it was written completely. */
  boolean send() throws IOException {
    out = ByteBuffer.wrap(requests[next]);
    next = (next + 1) % requests.length;
    sentAt = System.nanoTime();
    return flush();
  }

  /** Writes what is left of the current request; true when nothing is left. */
  boolean flush() throws IOException {
    channel.write(out);
    return !out.hasRemaining();
  }

  /**
   * Reads what has arrived.
   *
   * @return -1 while the response is incomplete, otherwise its status code
   * @throws IOException when the server closed the connection
   */
  int read() throws IOException {
    if (channel.read(in) < 0) {
      throw new IOException("the server closed the connection");
    }
    int headerEnd = headerEnd();
    if (headerEnd < 0) {
      if (!in.hasRemaining()) {
        throw new IOException("response headers larger than the buffer");
      }
      return -1;
    }
    String head = new String(in.array(), 0, headerEnd, StandardCharsets.ISO_8859_1);
    int length = contentLength(head);
    int total = headerEnd + 4 + length;
    if (in.position() < total) {
      if (total > in.capacity()) {
        throw new IOException("response larger than the buffer: " + total + " bytes");
      }
      return -1;
    }
    int status = Integer.parseInt(head.substring(9, 12));
    // INVARIANT: no pipelining, so nothing follows the response; keep any stray bytes anyway.
    in.flip();
    in.position(total);
    in.compact();
    return status;
  }

  long sentAt() {
    return sentAt;
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing at the end of a run; nothing to do
    }
  }

  private int headerEnd() {
    byte[] a = in.array();
    for (int i = 0; i + 3 < in.position(); i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    throw new IllegalStateException("response without content-length: " + head);
  }
}

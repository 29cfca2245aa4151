package dev.warden.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that accepts connections, reads every request and never answers: what a hung
 * server or a black-holing proxy looks like to a client. Counts the requests it was sent.
 */
final class SilentServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<ByteArrayOutputStream> received = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentServer() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Requests received so far, counted by their request lines. */
  int requests() {
    int n = 0;
    for (ByteArrayOutputStream b : received) {
      String s = b.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      for (int i = s.indexOf("user-agent: warden-client");
          i >= 0;
          i = s.indexOf("user-agent: warden-client", i + 1)) {
        n++;
      }
    }
    return n;
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket c = socket.accept();
        connections.add(c);
        ByteArrayOutputStream into = new ByteArrayOutputStream();
        received.add(into);
        Thread reader = new Thread(() -> drain(c, into), "silent-reader");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void drain(Socket c, ByteArrayOutputStream into) {
    byte[] buf = new byte[4096];
    try (InputStream in = c.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        into.write(buf, 0, n); // ByteArrayOutputStream is synchronized: requests() reads it
      }
    } catch (IOException e) {
      // the client gave up on the connection
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
      for (Socket c : connections) {
        c.close();
      }
      acceptor.join(2000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

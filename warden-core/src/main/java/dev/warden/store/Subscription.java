package dev.warden.store;

/** A registration that ends when closed. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** A subscription that holds nothing. */
  Subscription NONE = () -> {};

  @Override
  void close();
}

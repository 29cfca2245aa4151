package dev.warden.server;

import dev.warden.server.http.Route;
import java.util.List;

/**
 * One API family (checks, lookups, relationships, policy, watch, audit, the public endpoints): the
 * routes it serves. The server puts every family's routes in one table and does what is common to
 * all of them once, in front of the handlers: authentication and scope admission ({@link Gate}),
 * tenant scoping of bound keys ({@link Tenancy}) and decision recording ({@link Decisions}) are
 * shared, so a new API reuses them instead of repeating them.
 */
interface Api {

  /** The family's routes, in the order they are matched and listed in {@code Allow}. */
  List<Route> routes();
}

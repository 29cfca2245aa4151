package dev.warden.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;

/**
 * What the API families share: the engine facade, the JSON mapper, the policy versions and the
 * decision recording ({@link Decisions}), built once by the server and handed to every family.
 */
record ApiContext(Warden warden, ObjectMapper json, PolicyVersions versions, Decisions decisions) {}

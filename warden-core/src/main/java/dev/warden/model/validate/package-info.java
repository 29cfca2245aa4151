/**
 * Validation of the policy model, whichever front end built it: problems come back as data with a
 * model location, which a front end maps to its own notion of place (the policy language: source
 * spans).
 */
package dev.warden.model.validate;

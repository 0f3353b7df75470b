package dev.ama.manager.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An extra API mounted on a {@link ManagerHttpServer} under a path prefix (e.g. the registry's
 * {@code /registry}). The server checks the token, bounds the body, writes the JSON answer and
 * turns an {@link ApiException} into the common error format, so a route only maps a request to
 * JSON.
 */
@FunctionalInterface
public interface ApiRoute {
  /**
   * Answers one request under the route's prefix.
   *
   * @return the JSON body of a 200 answer
   * @throws ApiException for any other answer (written as {@code {"error":{code, message,
   *     diagnostics}}})
   */
  JsonNode handle(ApiRequest request) throws ApiException;
}

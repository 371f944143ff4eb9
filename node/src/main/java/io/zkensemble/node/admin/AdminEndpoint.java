package io.zkensemble.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.zkensemble.node.request.RequestPipeline;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Apache's AdminServer command dispatch: a command by its name or one of Apache's short names, its
 * JSON answer ending with "command" (the primary name) and "error" (null when it worked), and the
 * HTTP status Apache gives it.
 */
public final class AdminEndpoint {
  /** Apache 3.9.5's command names (admin/Commands.java), each with its short names. */
  private static final Map<String, List<String>> COMMANDS = new TreeMap<>();

  static {
    COMMANDS.put("configuration", List.of("conf", "config"));
    COMMANDS.put("connection_stat_reset", List.of("crst"));
    COMMANDS.put("connections", List.of("cons"));
    COMMANDS.put("dirs", List.of());
    COMMANDS.put("dump", List.of());
    COMMANDS.put("environment", List.of("env", "envi"));
    COMMANDS.put("get_trace_mask", List.of("gtmk"));
    COMMANDS.put("hash", List.of());
    COMMANDS.put("initial_configuration", List.of("icfg"));
    COMMANDS.put("is_read_only", List.of("isro"));
    COMMANDS.put("last_snapshot", List.of("lsnp"));
    COMMANDS.put("leader", List.of("lead"));
    COMMANDS.put("monitor", List.of("mntr"));
    COMMANDS.put("observer_connection_stat_reset", List.of("orst"));
    COMMANDS.put("observers", List.of("obsr"));
    COMMANDS.put("restore", List.of("rest"));
    COMMANDS.put("ruok", List.of());
    COMMANDS.put("server_stats", List.of("srvr"));
    COMMANDS.put("set_trace_mask", List.of("stmk"));
    COMMANDS.put("snapshot", List.of("snap"));
    COMMANDS.put("stat_reset", List.of("srst"));
    COMMANDS.put("stats", List.of("stat"));
    COMMANDS.put("system_properties", List.of("sysp"));
    // Ours: the leader hands leadership to a synced follower (?to=N), for rolling restarts.
    COMMANDS.put("transfer_leadership", List.of());
    COMMANDS.put("voting_view", List.of());
    COMMANDS.put("watch_summary", List.of("wchs"));
    COMMANDS.put("watches", List.of("wchc"));
    COMMANDS.put("watches_by_path", List.of("wchp"));
    COMMANDS.put("zabstate", List.of());
  }

  /** Apache's HTTP statuses: 200 (its unknown-command error too), 401, 503. */
  static final int OK = 200;

  static final int UNAUTHORIZED = 401;
  static final int FORBIDDEN = 403;
  static final int UNAVAILABLE = 503;

  /** An answer: the HTTP status and the JSON body. */
  public record Response(int status, JsonObject body) {}

  private final RequestPipeline pipeline;
  private final AdminCommands commands;
  private final LongFunction<Future<String>> transferLeadership;

  /**
   * @param transferLeadership hands leadership to the server given, with what was done
   */
  public AdminEndpoint(
      RequestPipeline pipeline,
      AdminCommands commands,
      LongFunction<Future<String>> transferLeadership) {
    this.pipeline = pipeline;
    this.commands = commands;
    this.transferLeadership = transferLeadership;
  }

  /** The primary names, for /commands' list of links. */
  public static List<String> names() {
    return List.copyOf(COMMANDS.keySet());
  }

  /** The primary name of {@code name} (itself or a short name), or null when there is none. */
  static String primary(String name) {
    if (COMMANDS.containsKey(name)) {
      return name;
    }
    for (Map.Entry<String, List<String>> entry : COMMANDS.entrySet()) {
      if (entry.getValue().contains(name)) {
        return entry.getKey();
      }
    }
    return null;
  }

  /**
   * Runs command {@code name} with the request's query {@code params}; {@code authorization} is the
   * request's Authorization header or null.
   */
  public Future<Response> run(String name, Map<String, String> params, String authorization) {
    String command = primary(name);
    if (command == null) {
      return Future.succeededFuture(
          new Response(OK, finish(new JsonObject(), name, "Unknown command: " + name)));
    }
    if (command.equals("snapshot") || command.equals("restore")) {
      return Future.succeededFuture(guarded(command, authorization));
    }
    if (command.equals("transfer_leadership")) {
      return transfer(params.get("to"));
    }
    if (!AdminCommands.needsView(command)) {
      return Future.succeededFuture(
          new Response(OK, finish(commands.answer(command, params), command, null)));
    }
    Promise<Response> answer = Promise.promise();
    pipeline.inspect(
        view -> {
          JsonObject body = commands.answer(command, params, view);
          answer.complete(
              body == null
                  ? new Response(
                      UNAVAILABLE, finish(new JsonObject(), command, AdminCommands.NOT_SERVING))
                  : new Response(OK, finish(body, command, null)));
        });
    return answer.future();
  }

  /** {@code to} absent: the leader picks a synced voting follower. */
  private Future<Response> transfer(String to) {
    long id;
    try {
      id = to == null ? -1 : Long.parseLong(to);
    } catch (NumberFormatException e) {
      return Future.succeededFuture(
          new Response(
              OK,
              finish(new JsonObject(), "transfer_leadership", "to=" + to + " is not a server id")));
    }
    return transferLeadership
        .apply(id)
        .map(
            done ->
                new Response(
                    OK,
                    finish(
                        new JsonObject().put("to", id).put("message", done),
                        "transfer_leadership",
                        null)))
        .otherwise(
            failure ->
                new Response(
                    OK,
                    finish(
                        new JsonObject().put("to", id),
                        "transfer_leadership",
                        failure.getMessage())));
  }

  /**
   * snapshot and restore: Apache refuses them without authentication (401) and runs them for a
   * client authenticated with the server's ACL. This node does not stream snapshots over HTTP, so
   * an authenticated request is refused too (403).
   */
  private static Response guarded(String command, String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return new Response(
          UNAUTHORIZED, finish(new JsonObject(), command, "Auth info is missing for the command"));
    }
    return new Response(
        FORBIDDEN, finish(new JsonObject(), command, command + " is not supported by this server"));
  }

  /** Apache's CommandResponse: "command", then "error", after the command's own fields. */
  private static JsonObject finish(JsonObject body, String command, String error) {
    String ownError = body.getString("error");
    body.remove("error");
    body.put("command", command);
    if (error != null || ownError != null) {
      // Apache puts an error a command reports itself before "command"; keys match either way.
      body.put("error", error != null ? error : ownError);
    } else {
      body.putNull("error");
    }
    return body;
  }
}

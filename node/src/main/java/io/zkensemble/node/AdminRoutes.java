package io.zkensemble.node;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zkensemble.node.admin.AdminEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache's AdminServer on Quarkus' HTTP server: {@code /commands} lists the commands as links and
 * {@code /commands/<name>} runs one (GET or POST), answering its JSON. Not served with
 * admin.enableServer=false.
 */
@ApplicationScoped
public class AdminRoutes {
  @Inject RunningNode running;

  void routes(@Observes Router router) {
    if ("false".equals(System.getProperty(HttpSettings.ENABLED))) {
      return;
    }
    String url = System.getProperty(HttpSettings.COMMAND_URL, "/commands");
    router.get(url).handler(this::list);
    router.route(url + "/:name").handler(this::command);
  }

  /** Apache's listing: one link per command, each followed by a line break. */
  private void list(RoutingContext context) {
    StringBuilder html = new StringBuilder();
    String base = context.request().path();
    for (String name : AdminEndpoint.names()) {
      html.append("<a href=\"")
          .append(base)
          .append('/')
          .append(name)
          .append("\">")
          .append(name)
          .append("</a>\n<br/>\n");
    }
    context.response().putHeader("Content-Type", "text/html").end(html.toString());
  }

  private void command(RoutingContext context) {
    AdminEndpoint admin = running.admin();
    if (admin == null) {
      context.response().setStatusCode(503).end();
      return;
    }
    Map<String, String> params = new HashMap<>();
    context.queryParams().forEach(entry -> params.put(entry.getKey(), entry.getValue()));
    admin
        .run(context.pathParam("name"), params, context.request().getHeader("Authorization"))
        .onComplete(
            done -> {
              if (done.failed()) {
                context.fail(done.cause());
                return;
              }
              context
                  .response()
                  .setStatusCode(done.result().status())
                  .putHeader("Content-Type", "application/json")
                  .end(done.result().body().encodePrettily());
            });
  }
}

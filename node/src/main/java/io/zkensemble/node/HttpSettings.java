package io.zkensemble.node;

import io.zkensemble.node.config.AdminOptions;
import io.zkensemble.node.config.AllInterfaces;
import io.zkensemble.node.config.ConfigException;
import io.zkensemble.node.config.ZooCfg;
import java.nio.file.Path;

/**
 * Points Quarkus' HTTP server at Apache's AdminServer address before Quarkus boots: port
 * admin.serverPort (8080) on admin.serverAddress, or, with admin.enableServer=false, any free port,
 * so that nodes without an admin server never fight over one; /q/health and /q/metrics stay on it.
 * A quarkus.http.* system property set by hand wins.
 */
final class HttpSettings {
  /** Read by {@link AdminRoutes}: whether and where to serve the commands. */
  static final String ENABLED = "zkensemble.admin.enabled";

  static final String COMMAND_URL = "zkensemble.admin.commandURL";

  private HttpSettings() {}

  static void apply(Path zooCfg) {
    AdminOptions admin;
    try {
      admin = ZooCfg.adminOptions(zooCfg);
    } catch (ConfigException e) {
      // NodeMain reports the bad config once Quarkus runs.
      return;
    }
    setIfAbsent("quarkus.http.port", admin.enableServer() ? admin.serverPort() : 0);
    setIfAbsent("quarkus.http.host", AllInterfaces.bindHost(admin.serverAddress()));
    System.setProperty(ENABLED, Boolean.toString(admin.enableServer()));
    System.setProperty(COMMAND_URL, admin.commandUrl());
  }

  private static void setIfAbsent(String key, Object value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value.toString());
    }
  }
}

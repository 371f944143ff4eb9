package io.zkensemble.node.config;

/**
 * Apache's AdminServer and Prometheus metrics settings: zoo.cfg's admin.* keys (or their
 * zookeeper.admin.* system properties) and metricsProvider.*.
 *
 * @param enableServer admin.enableServer: the /commands endpoints are served (default true)
 * @param serverAddress admin.serverAddress: the HTTP server's address (default 0.0.0.0)
 * @param serverPort admin.serverPort: the HTTP server's port (default 8080)
 * @param commandUrl admin.commandURL: where the commands live (default /commands)
 * @param prometheus metricsProvider.className names Apache's PrometheusMetricsProvider
 * @param metricsHost metricsProvider.httpHost (default 0.0.0.0)
 * @param metricsPort metricsProvider.httpPort (default 7000)
 */
public record AdminOptions(
    boolean enableServer,
    String serverAddress,
    int serverPort,
    String commandUrl,
    boolean prometheus,
    String metricsHost,
    int metricsPort) {

  /** Apache's JettyAdminServer defaults. */
  public static final int DEFAULT_SERVER_PORT = 8080;

  public static final String DEFAULT_ADDRESS = "0.0.0.0";
  public static final String DEFAULT_COMMAND_URL = "/commands";

  /** Apache's PrometheusMetricsProvider default port. */
  public static final int DEFAULT_METRICS_PORT = 7000;

  /** The provider class Apache's docs configure for Prometheus. */
  public static final String PROMETHEUS_PROVIDER =
      "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

  public static AdminOptions defaults() {
    return new AdminOptions(
        true,
        DEFAULT_ADDRESS,
        DEFAULT_SERVER_PORT,
        DEFAULT_COMMAND_URL,
        false,
        DEFAULT_ADDRESS,
        DEFAULT_METRICS_PORT);
  }

  static AdminOptions read(Values values) throws ConfigException {
    String enable = values.string("admin.enableServer", "zookeeper.admin.enableServer");
    String address = values.string("admin.serverAddress", "zookeeper.admin.serverAddress");
    String url = values.string("admin.commandURL", "zookeeper.admin.commandURL");
    String className = values.string("metricsProvider.className");
    String metricsHost = values.string("metricsProvider.httpHost");
    AdminOptions options =
        new AdminOptions(
            // Apache's Boolean.parseBoolean with default "true": only "false" (any case) is off.
            enable == null || !enable.equalsIgnoreCase("false"),
            address == null ? DEFAULT_ADDRESS : address,
            values.integer("admin.serverPort", "zookeeper.admin.serverPort", DEFAULT_SERVER_PORT),
            url == null ? DEFAULT_COMMAND_URL : url,
            PROMETHEUS_PROVIDER.equals(className),
            metricsHost == null ? DEFAULT_ADDRESS : metricsHost,
            values.integer(
                "metricsProvider.httpPort", "metricsProvider.httpPort", DEFAULT_METRICS_PORT));
    checkPort("admin.serverPort", options.serverPort());
    checkPort("metricsProvider.httpPort", options.metricsPort());
    return options;
  }

  private static void checkPort(String key, int port) throws ConfigException {
    if (port < 0 || port > 65535) {
      throw new ConfigException(key + "=" + port + " is out of range 0..65535");
    }
  }
}

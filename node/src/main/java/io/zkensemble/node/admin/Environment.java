package io.zkensemble.node.admin;

import io.zkensemble.node.Version;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment envi and the environment command show, as Apache's Environment.list builds it.
 */
final class Environment {
  private static final long MB = 1024 * 1024;

  private Environment() {}

  static Map<String, String> entries() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("zookeeper.version", Version.FULL);
    env.put("host.name", hostName());
    for (String key :
        new String[] {
          "java.version",
          "java.vendor",
          "java.home",
          "java.class.path",
          "java.library.path",
          "java.io.tmpdir",
          "java.compiler",
          "os.name",
          "os.arch",
          "os.version",
          "user.name",
          "user.home",
          "user.dir"
        }) {
      // Apache shows a property that is not set as <NA>.
      env.put(key, System.getProperty(key, "<NA>"));
    }
    Runtime runtime = Runtime.getRuntime();
    env.put("os.memory.free", runtime.freeMemory() / MB + "MB");
    env.put("os.memory.max", runtime.maxMemory() / MB + "MB");
    env.put("os.memory.total", runtime.totalMemory() / MB + "MB");
    return env;
  }

  /** Apache's host.name: the canonical name of the local host, "<NA>" when it has none. */
  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "<NA>";
    }
  }
}

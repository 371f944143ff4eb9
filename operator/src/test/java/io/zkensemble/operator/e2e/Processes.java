package io.zkensemble.operator.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the processes a container left behind. A container's processes all carry the environment
 * variable {@link #TAG} (children inherit it), whose value names the cluster, the pod, the
 * container and the start; a real container runtime kills everything in the container's cgroup when
 * its main process ends, and {@link #killTagged} does the same by that tag, since processes
 * orphaned by the main one are no longer the harness's descendants.
 */
final class Processes {
  static final String TAG = "FAKE_CLUSTER_TAG";

  private Processes() {}

  /** The live processes whose tag starts with {@code prefix}. */
  static List<ProcessHandle> tagged(String prefix) {
    return ProcessHandle.allProcesses().filter(p -> hasTag(p.pid(), prefix)).toList();
  }

  /** SIGKILLs every live process whose tag starts with {@code prefix}; returns how many. */
  static int killTagged(String prefix) {
    List<ProcessHandle> found = tagged(prefix);
    found.forEach(ProcessHandle::destroyForcibly);
    return found.size();
  }

  private static boolean hasTag(long pid, String prefix) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | SecurityException e) {
      return false; // gone, or not ours to read
    }
    String wanted = TAG + "=" + prefix;
    for (String variable : new String(environ, StandardCharsets.UTF_8).split("\0")) {
      if (variable.startsWith(wanted)) {
        return true;
      }
    }
    return false;
  }
}

package io.zkensemble.operator;

import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.membership.EnsembleClient;
import io.zkensemble.operator.membership.Membership;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An ensemble's configuration as the tests say it is, in place of the ZooKeeper client: a reconfig
 * conditional on the version in force changes it, as ZooKeeper would; every request is recorded.
 */
@Singleton
public class FakeEnsembleClient implements EnsembleClient {
  private final Map<String, Membership> configurations = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** The ensemble in namespace {@code ns} answers with {@code config} from now on. */
  void answer(String ns, Membership config) {
    configurations.put(ns, config);
  }

  Optional<Membership> configuration(String ns) {
    return Optional.ofNullable(configurations.get(ns));
  }

  /** What was asked, e.g. {@code ns: reconfig -add server.4=...}. */
  List<String> requests(String ns) {
    return requests.stream().filter(r -> r.startsWith(ns + ": ")).toList();
  }

  @Override
  public Optional<Membership> configuration(ZkEnsemble ensemble, String password) {
    return configuration(ensemble.getMetadata().getNamespace());
  }

  @Override
  public Outcome add(ZkEnsemble ensemble, String password, String serverLine, long fromVersion) {
    String[] line = serverLine.split("=", 2);
    long id = Long.parseLong(line[0].substring("server.".length()));
    return reconfig(ensemble, "reconfig -add " + serverLine, fromVersion, id, line[1]);
  }

  @Override
  public Outcome remove(ZkEnsemble ensemble, String password, long id, long fromVersion) {
    return reconfig(ensemble, "reconfig -remove " + id, fromVersion, id, null);
  }

  @Override
  public Outcome transferLeadership(ZkEnsemble ensemble, String leaderIp, long to) {
    requests.add(ensemble.getMetadata().getNamespace() + ": transfer_leadership to " + to);
    return new Outcome(true, "done");
  }

  private Outcome reconfig(ZkEnsemble ensemble, String what, long from, long id, String line) {
    String ns = ensemble.getMetadata().getNamespace();
    requests.add(ns + ": " + what);
    Membership config = configurations.get(ns);
    if (config == null || config.version() != from) {
      return new Outcome(false, what + ": BADVERSION");
    }
    SortedMap<Long, String> servers = new TreeMap<>(config.servers());
    if (line == null) {
      servers.remove(id);
    } else {
      servers.put(id, line);
    }
    configurations.put(ns, new Membership(config.version() + 1, servers));
    return new Outcome(true, what + ": done");
  }
}

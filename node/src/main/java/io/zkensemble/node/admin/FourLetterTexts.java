package io.zkensemble.node.admin;

import io.zkensemble.node.Version;
import io.zkensemble.node.config.NodeConfig;
import io.zkensemble.node.config.QuorumConfig;
import io.zkensemble.node.quorum.QuorumFacts;
import io.zkensemble.node.request.ConnectionView;
import io.zkensemble.node.request.RequestPipeline;
import io.zkensemble.node.request.ServerView;
import io.zkensemble.node.zab.PeerState;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The texts of the four-letter words that read the server's state, as Apache ZooKeeper 3.9.5's
 * commands print them (server/command/*Command.java, ServerStats, ServerCnxn, DataTree and
 * ExpiryQueue dumps). Built on the pipeline's thread from a {@link ServerView}.
 */
final class FourLetterTexts {
  /** Apache's AbstractFourLetterCommand.ZK_NOT_SERVING, with println's newline. */
  static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

  private static final String READ_ONLY = "read-only";

  private final NodeStatus status;

  FourLetterTexts(NodeStatus status) {
    this.status = status;
  }

  String answer(String command, ServerView view, String remote) {
    RequestPipeline.Figures figures = view.figures();
    if (!figures.serving()) {
      // Apache's isro answers "null" when there is no server to ask.
      return command.equals("isro") ? "null" : NOT_SERVING;
    }
    return switch (command) {
      case "conf" -> conf();
      case "cons" -> cons(view, remote);
      case "crst" -> {
        view.resetConnectionStats();
        yield "Connection stats reset.\n";
      }
      case "srst" -> {
        view.resetServerStats();
        yield "Server stats reset.\n";
      }
      case "dirs" ->
          "datadir_size: "
              + NodeStatus.size(status.snapDir())
              + "\nlogdir_size: "
              + NodeStatus.size(status.logDir())
              + "\n";
      case "dump" -> dump(view, remote);
      case "srvr" -> srvr(view, figures, null);
      case "stat" -> srvr(view, figures, remote);
      case "wchc" -> wchc(view);
      case "wchp" -> wchp(view);
      case "wchs" ->
          view.watchingConnections()
              + " connections watching "
              + view.dataWatchesByPath().size()
              + " paths\nTotal watches:"
              + view.dataWatches()
              + "\n";
      case "mntr" -> MonitorValues.collect(view, status).mntr();
      case "isro" -> READ_ONLY.equals(figures.mode()) ? "ro" : "rw";
      // Apache prints its recent tree digests; this node keeps none (as Apache with
      // digest.enabled=false), so nothing.
      case "hash" -> "";
      default -> throw new IllegalArgumentException("not a state command: " + command);
    };
  }

  /** Apache's ZooKeeperServer.dumpConf, plus QuorumPeer's lines in an ensemble. */
  private String conf() {
    NodeConfig config = status.config();
    StringBuilder out = new StringBuilder();
    out.append("clientPort=").append(status.clientPort()).append('\n');
    out.append("secureClientPort=-1\n");
    out.append("dataDir=").append(status.snapDir()).append('\n');
    out.append("dataDirSize=").append(NodeStatus.size(status.snapDir())).append('\n');
    out.append("dataLogDir=").append(status.logDir()).append('\n');
    out.append("dataLogSize=").append(NodeStatus.size(status.logDir())).append('\n');
    out.append("tickTime=").append(config.tickTime()).append('\n');
    out.append("maxClientCnxns=").append(config.maxClientCnxns()).append('\n');
    out.append("minSessionTimeout=").append(config.minSessionTimeout()).append('\n');
    out.append("maxSessionTimeout=").append(config.maxSessionTimeout()).append('\n');
    // Apache's default backlog: -1, the operating system's.
    out.append("clientPortListenBacklog=-1\n");
    out.append("serverId=").append(config.myid()).append('\n');
    QuorumConfig quorum = status.quorumConfig();
    if (quorum != null) {
      out.append("initLimit=").append(config.initLimit()).append('\n');
      out.append("syncLimit=").append(config.syncLimit()).append('\n');
      // Apache's only election algorithm, fast leader election, is number 3.
      out.append("electionAlg=3\n");
      out.append("electionPort=").append(config.quorum().self().electionPort()).append('\n');
      out.append("quorumPort=").append(config.quorum().self().quorumPort()).append('\n');
      // QuorumPeer.LearnerType: PARTICIPANT is 0, OBSERVER 1; a reconfig may have changed it, and
      // a server the configuration no longer lists keeps the type it had.
      boolean observer = quorum.self() != null ? quorum.isObserver() : config.quorum().isObserver();
      out.append("peerType=").append(observer ? 1 : 0).append('\n');
      out.append("membership: \n").append(quorum.toApacheString());
    }
    return out.toString();
  }

  private static String cons(ServerView view, String remote) {
    StringBuilder out = new StringBuilder();
    for (ConnectionView connection : view.connections()) {
      out.append(connectionInfo(connection)).append('\n');
    }
    return out.append(askingConnection(remote)).append("\n\n").toString();
  }

  /** Apache's full ServerCnxn.dumpConnectionInfo. */
  private static String connectionInfo(ConnectionView c) {
    StringBuilder out = new StringBuilder(brief(c));
    out.setLength(out.length() - 1);
    if (c.sessionId() != 0) {
      out.append(",sid=0x").append(Long.toHexString(c.sessionId()));
      out.append(",lop=").append(c.lastOp());
      out.append(",est=").append(c.established());
      out.append(",to=").append(c.timeout());
      if (c.lastCxid() >= 0) {
        out.append(",lcxid=0x").append(Long.toHexString(c.lastCxid()));
      }
      out.append(",lzxid=0x").append(Long.toHexString(c.lastZxid()));
      out.append(",lresp=").append(c.lastResponseMillis());
      out.append(",llat=").append(c.lastLatency());
      out.append(",minlat=").append(c.minLatency());
      out.append(",avglat=").append(c.avgLatency());
      out.append(",maxlat=").append(c.maxLatency());
    }
    return out.append(')').toString();
  }

  /** Apache's brief ServerCnxn.dumpConnectionInfo: " /ip:port[1](queued=..,recved=..,sent=..)". */
  private static String brief(ConnectionView c) {
    return " /"
        + c.remote()
        + "[1](queued="
        + c.queued()
        + ",recved="
        + c.received()
        + ",sent="
        + c.sent()
        + ")";
  }

  /**
   * The connection asking: Apache lists it too, not reading (interest ops 0), its one packet the
   * command.
   */
  private static String askingConnection(String remote) {
    return " /" + remote + "[0](queued=0,recved=1,sent=0)";
  }

  /** Apache's StatCommand: ServerStats.toString, the node count, for stat the clients first. */
  private String srvr(ServerView view, RequestPipeline.Figures state, String remote) {
    StringBuilder out = new StringBuilder("Zookeeper version: ").append(Version.FULL).append('\n');
    if (READ_ONLY.equals(state.mode())) {
      out.append("READ-ONLY mode; serving only read-only clients\n");
    }
    if (remote != null) {
      out.append("Clients:\n");
      view.connections().forEach(c -> out.append(brief(c)).append('\n'));
      out.append(askingConnection(remote)).append("\n\n");
    }
    out.append("Latency min/avg/max: ")
        .append(state.minLatency())
        .append('/')
        .append(state.avgLatency())
        .append('/')
        .append(state.maxLatency())
        .append('\n');
    out.append("Received: ").append(state.received()).append('\n');
    out.append("Sent: ").append(state.sent()).append('\n');
    out.append("Connections: ").append(status.connections()).append('\n');
    out.append("Outstanding: ").append(state.outstanding()).append('\n');
    out.append("Zxid: 0x").append(Long.toHexString(state.lastZxid())).append('\n');
    out.append("Mode: ").append(state.mode()).append('\n');
    out.append("Node count: ").append(state.nodeCount()).append('\n');
    QuorumFacts quorum = status.quorum();
    if (quorum != null && quorum.state() == PeerState.LEADING) {
      out.append("Proposal sizes last/min/max: ")
          .append(quorum.lastProposalSize())
          .append('/')
          .append(quorum.minProposalSize())
          .append('/')
          .append(quorum.maxProposalSize())
          .append('\n');
    }
    return out.toString();
  }

  /**
   * Apache's dump: the session tracker (expiry sets on the leader and standalone, the global
   * sessions on a learner), the ephemerals, and the connections by when they expire.
   */
  private String dump(ServerView view, String remote) {
    StringBuilder out = new StringBuilder("SessionTracker dump:\n");
    QuorumFacts quorum = status.quorum();
    if (quorum == null || quorum.state() == PeerState.LEADING) {
      out.append("Session ");
      expirySets(out, view.sessionsByExpiry(), id -> "0x" + Long.toHexString(id));
    } else {
      Map<Long, Integer> sessions = view.globalSessions();
      out.append("Global Sessions(").append(sessions.size()).append("):\n");
      sessions.forEach(
          (id, timeout) ->
              out.append("0x")
                  .append(Long.toHexString(id))
                  .append('\t')
                  .append(timeout)
                  .append("ms\n"));
    }
    out.append("ephemeral nodes dump:\n");
    Map<Long, List<String>> ephemerals = view.ephemerals();
    out.append("Sessions with Ephemerals (").append(ephemerals.size()).append("):\n");
    ephemerals.forEach(
        (id, paths) -> {
          out.append("0x").append(Long.toHexString(id)).append(":\n");
          paths.forEach(path -> out.append('\t').append(path).append('\n'));
        });
    out.append("Connections dump:\nConnections ");
    Map<Long, List<String>> byExpiry = new TreeMap<>();
    long now = System.currentTimeMillis();
    int tick = status.config().tickTime();
    for (ConnectionView c : view.connections()) {
      // A connection expires with its session's timeout, on a tick boundary, as Apache's do.
      byExpiry
          .computeIfAbsent(nextTick(now + c.timeout(), tick), t -> new ArrayList<>())
          .add(connectionName(c.remote(), c.sessionId()));
    }
    // Apache lists the asking connection too: sessionless, it expires after a tick.
    byExpiry
        .computeIfAbsent(nextTick(now + tick, tick), t -> new ArrayList<>())
        .add(connectionName(remote, 0));
    expirySets(out, byExpiry, name -> name);
    return out.toString();
  }

  /** Apache's ExpiryQueue.roundToNextInterval. */
  private static long nextTick(long time, int tick) {
    return (time / tick + 1) * tick;
  }

  /** Apache's NIOServerCnxn.toString. */
  private static String connectionName(String remote, long sessionId) {
    return "ip: /" + remote + " sessionId: 0x" + Long.toHexString(sessionId);
  }

  /** Apache's ExpiryQueue.dump: "Sets (buckets)/(elements):", then each bucket by expiry time. */
  private static <T> void expirySets(
      StringBuilder out, Map<Long, List<T>> byExpiry, Function<T, String> describe) {
    int elements = byExpiry.values().stream().mapToInt(List::size).sum();
    out.append("Sets (").append(byExpiry.size()).append(")/(").append(elements).append("):\n");
    byExpiry.forEach(
        (time, items) -> {
          out.append(items.size()).append(" expire at ").append(new Date(time)).append(":\n");
          items.forEach(item -> out.append('\t').append(describe.apply(item)).append('\n'));
        });
  }

  private static String wchc(ServerView view) {
    StringBuilder out = new StringBuilder();
    view.dataWatchesBySession()
        .forEach(
            (session, paths) -> {
              out.append("0x").append(Long.toHexString(session)).append('\n');
              paths.forEach(path -> out.append('\t').append(path).append('\n'));
            });
    return out.append('\n').toString();
  }

  private static String wchp(ServerView view) {
    StringBuilder out = new StringBuilder();
    view.dataWatchesByPath()
        .forEach(
            (path, sessions) -> {
              out.append(path).append('\n');
              sessions.forEach(s -> out.append("\t0x").append(Long.toHexString(s)).append('\n'));
            });
    return out.append('\n').toString();
  }

  /** Apache's EnvCommand: the Environment entries, one key=value a line. */
  static String envi() {
    StringBuilder out = new StringBuilder("Environment:\n");
    Environment.entries()
        .forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
    return out.toString();
  }
}

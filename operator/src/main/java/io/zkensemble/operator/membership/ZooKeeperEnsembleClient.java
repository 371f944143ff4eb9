package io.zkensemble.operator.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.resources.Names;
import io.zkensemble.operator.resources.SuperCredentials;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.ClientCnxnSocketNIO;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.jboss.logging.Logger;

/**
 * The operator's ZooKeeper session with each ensemble, through its client Service, kept while the
 * ensemble is reconciled and closed after ten idle minutes (so a deleted ensemble's goes too). It
 * authenticates as the super user once the ensemble's Secret exists: only that user may reconfig.
 * Leadership transfers go to the leader's admin endpoint.
 */
@DefaultBean
@ApplicationScoped
// The client instantiates its socket class by name.
@RegisterForReflection(targets = ClientCnxnSocketNIO.class)
public class ZooKeeperEnsembleClient implements EnsembleClient {
  private static final Logger LOG = Logger.getLogger(ZooKeeperEnsembleClient.class);

  /** A reconciliation waits this long for an answer at most. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** A transfer waits for the new leader to hold the latest proposals: longer. */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(15);

  private static final int SESSION_TIMEOUT_MILLIS = 30_000;
  private static final Duration IDLE = Duration.ofMinutes(10);

  private static final String TRANSFER = "/commands/transfer_leadership?to=";

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  /** One ZooKeeper session, and the password it authenticated with, if any. */
  private static final class Session {
    final ZooKeeperAdmin zk;
    final String password;
    volatile Instant used = Instant.now();

    Session(ZooKeeperAdmin zk, String password) {
      this.zk = zk;
      this.password = password;
    }
  }

  @Override
  public Optional<Membership> configuration(ZkEnsemble ensemble, String password) {
    try {
      ZooKeeperAdmin zk = session(ensemble, password).zk;
      CompletableFuture<byte[]> config = new CompletableFuture<>();
      // A sync first: the member the session is on may lag behind the leader.
      zk.sync(
          ZooDefs.CONFIG_NODE,
          (rc, path, ctx) -> {
            if (rc != KeeperException.Code.OK.intValue()) {
              config.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc)));
              return;
            }
            zk.getConfig(
                false,
                (rc2, path2, ctx2, data, stat) -> {
                  if (rc2 == KeeperException.Code.OK.intValue()) {
                    config.complete(data);
                  } else {
                    config.completeExceptionally(
                        KeeperException.create(KeeperException.Code.get(rc2)));
                  }
                },
                null);
          },
          null);
      return Optional.of(Membership.parse(new String(await(config), StandardCharsets.UTF_8)));
    } catch (IOException | ExecutionException | TimeoutException e) {
      LOG.debugf("%s: no configuration: %s", key(ensemble), e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Outcome add(ZkEnsemble ensemble, String password, String serverLine, long fromVersion) {
    return reconfig(ensemble, password, serverLine, null, fromVersion);
  }

  @Override
  public Outcome remove(ZkEnsemble ensemble, String password, long id, long fromVersion) {
    return reconfig(ensemble, password, null, Long.toString(id), fromVersion);
  }

  private Outcome reconfig(
      ZkEnsemble ensemble, String password, String joining, String leaving, long fromVersion) {
    String what =
        (joining != null ? "reconfig -add " + joining : "reconfig -remove " + leaving)
            + " -v "
            + Long.toHexString(fromVersion);
    try {
      ZooKeeperAdmin zk = session(ensemble, password).zk;
      CompletableFuture<byte[]> done = new CompletableFuture<>();
      zk.reconfigure(
          joining,
          leaving,
          null,
          fromVersion,
          (rc, path, ctx, data, stat) -> {
            if (rc == KeeperException.Code.OK.intValue()) {
              done.complete(data);
            } else {
              done.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc)));
            }
          },
          null);
      Membership next = Membership.parse(new String(await(done), StandardCharsets.UTF_8));
      LOG.infof("%s: %s: configuration %x in force", key(ensemble), what, next.version());
      return new Outcome(true, what + ": done, configuration " + Long.toHexString(next.version()));
    } catch (ExecutionException e) {
      // BadVersion: planned from a configuration that changed since; ReconfigInProgress,
      // NewConfigNoQuorum: not yet. The next reconciliation plans again from what it sees.
      String answer =
          e.getCause() instanceof KeeperException keeper
              ? keeper.code().name()
              : e.getCause().toString();
      LOG.infof("%s: %s: %s", key(ensemble), what, answer);
      return new Outcome(false, what + ": " + answer);
    } catch (IOException | TimeoutException e) {
      return new Outcome(false, what + ": no answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, what + ": interrupted");
    }
  }

  @Override
  public Outcome transferLeadership(ZkEnsemble ensemble, String leaderIp, long to) {
    URI uri =
        URI.create("http://" + leaderIp + ":" + ensemble.getSpec().ports.admin + TRANSFER + to);
    String what = "transfer_leadership to " + to;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TRANSFER_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode answer = json.readTree(response.body());
      if (response.statusCode() == 200 && answer.path("error").isMissingNode()) {
        LOG.infof("%s: %s: %s", key(ensemble), what, answer.path("message").asText());
        return new Outcome(true, what + ": " + answer.path("message").asText("done"));
      }
      return new Outcome(
          false, what + ": " + answer.path("error").asText("HTTP " + response.statusCode()));
    } catch (IOException e) {
      return new Outcome(false, what + ": no answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, what + ": interrupted");
    }
  }

  /**
   * The ensemble's session: a new one the first time, when the password it should authenticate with
   * is new, or when the old one expired.
   */
  private Session session(ZkEnsemble ensemble, String password) throws IOException {
    closeIdle();
    String key = key(ensemble);
    Session session = sessions.get(key);
    boolean stale =
        session == null
            || !session.zk.getState().isAlive()
            || (password != null && !Objects.equals(password, session.password));
    if (stale) {
      if (session != null) {
        close(key, session);
      }
      String connect =
          Names.clientService(ensemble)
              + "."
              + ensemble.getMetadata().getNamespace()
              + ".svc:"
              + ensemble.getSpec().ports.client;
      ZooKeeperAdmin zk = new ZooKeeperAdmin(connect, SESSION_TIMEOUT_MILLIS, event -> {});
      if (password != null) {
        zk.addAuthInfo(
            "digest", (SuperCredentials.USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      }
      session = new Session(zk, password);
      sessions.put(key, session);
    }
    session.used = Instant.now();
    return session;
  }

  private void closeIdle() {
    Instant limit = Instant.now().minus(IDLE);
    sessions.forEach(
        (key, session) -> {
          if (session.used.isBefore(limit)) {
            close(key, session);
          }
        });
  }

  private void close(String key, Session session) {
    sessions.remove(key, session);
    try {
      session.zk.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void closeAll() {
    sessions.forEach(this::close);
  }

  private static <T> T await(CompletableFuture<T> future)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String key(ZkEnsemble ensemble) {
    return ensemble.getMetadata().getNamespace() + "/" + ensemble.getMetadata().getName();
  }
}

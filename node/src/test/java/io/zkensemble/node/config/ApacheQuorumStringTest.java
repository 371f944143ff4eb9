package io.zkensemble.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.flexible.QuorumMaj;
import org.apache.zookeeper.server.quorum.flexible.QuorumVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden test: {@link QuorumConfig#toApacheString()} is byte for byte what Apache ZooKeeper 3.9's
 * QuorumPeerConfig renders (QuorumMaj.toString()) for the same zoo.cfg, and Apache parses it back
 * to the same servers.
 */
class ApacheQuorumStringTest {
  @TempDir Path dataDir;

  @AfterEach
  void resetApachesStaticSwitch() {
    QuorumPeerConfig.setStandaloneEnabled(true);
  }

  static Stream<String> configs() {
    return Stream.of(
        """
        server.1=127.0.0.1:2888:3888;2181
        server.2=127.0.0.2:2888:3888;2182
        server.3=127.0.0.3:2888:3888;2183
        """,
        // names, explicit types, client hosts; this server's line without a client part while
        // clientPort is set (Apache then leaves the client address out of the string)
        """
        clientPort=2181
        server.1=zk1.example.com:2888:3888:participant
        server.2=ZK2.example.com:2888:3888;zk2.example.com:2181
        server.3=zk3.example.com:2888:3888:participant;127.0.0.3:2181
        server.4=zk4.example.com:2888:3888:observer;2181
        server.5=zk5.example.com:2888:3888:Observer
        """,
        // IPv6 literals come back normalised, bracketed
        """
        server.1=[::1]:2888:3888;[::1]:2181
        server.2=[0:0::2]:2888:3888:observer;[fe80::2]:2182
        server.3=[::ffff:127.0.0.3]:2888:3888
        server.4=127.0.0.4:2888:3888;0.0.0.0:2184
        """,
        // ids that share a bucket of Apache's HashMap (5 and 101, 1 and 17, 2 and 34)
        """
        server.101=10.0.0.101:2888:3888:observer;2181
        server.5=10.0.0.5:2888:3888;2181
        server.17=10.0.0.17:2888:3888;2181
        server.1=10.0.0.1:2888:3888;2181
        server.34=10.0.0.34:2888:3888;2181
        server.2=10.0.0.2:2888:3888;2181
        """,
        // a single voter with standaloneEnabled=false is a quorum too
        """
        standaloneEnabled=false
        server.1=127.0.0.1:2888:3888;2181
        """,
        largeEnsemble(new Random(42), 30),
        largeEnsemble(new Random(7), 60));
  }

  /** {@code count} servers with scattered ids, so that Apache's map resizes and collides. */
  private static String largeEnsemble(Random random, int count) {
    TreeSet<Long> ids = new TreeSet<>();
    ids.add(1L);
    while (ids.size() < count) {
      ids.add(1L + random.nextInt(1000));
    }
    StringBuilder cfg = new StringBuilder("clientPort=2181\n");
    for (long id : ids) {
      cfg.append("server.")
          .append(id)
          .append("=10.1.")
          .append(id / 256)
          .append('.')
          .append(id % 256)
          .append(":2888:3888")
          .append(id % 3 == 0 ? ":observer" : "")
          .append(id % 2 == 0 ? ";" + (2000 + id) : "")
          .append('\n');
    }
    return cfg.toString();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void rendersExactlyAsApache(String servers) throws Exception {
    Files.writeString(dataDir.resolve("myid"), "1\n");
    String cfg = "dataDir=" + dataDir + "\ninitLimit=10\nsyncLimit=5\n" + servers;

    QuorumConfig ours = ZooCfg.parse(properties(cfg)).quorum();
    QuorumPeerConfig apache = new QuorumPeerConfig();
    apache.parseProperties(properties(cfg));

    String expected = apache.getQuorumVerifier().toString();
    assertEquals(expected, ours.toApacheString());
    QuorumVerifier parsedBack = new QuorumMaj(properties(ours.toApacheString()));
    for (QuorumServer server : ours.servers()) {
      assertEquals(server.toApacheString(), parsedBack.getAllMembers().get(server.id()).toString());
    }
    assertEquals(ours.servers().size(), parsedBack.getAllMembers().size());
  }

  private static Properties properties(String text) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }
}

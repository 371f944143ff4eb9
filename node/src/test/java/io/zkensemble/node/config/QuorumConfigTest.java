package io.zkensemble.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.N lines, myid, and how they decide between standalone and a replicated ensemble. */
class QuorumConfigTest {
  private static final String THREE =
      """
      initLimit=10
      syncLimit=5
      server.1=127.0.0.1:2888:3888;2181
      server.2=127.0.0.2:2888:3888;2182
      server.3=127.0.0.3:2888:3888;2183
      """;

  @TempDir Path dataDir;

  private NodeConfig parse(String text) throws ConfigException {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader("dataDir=" + dataDir + "\n" + text));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return ZooCfg.parse(properties);
  }

  private String error(String text) {
    return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
  }

  private Path myid(String content) throws IOException {
    return Files.writeString(dataDir.resolve("myid"), content);
  }

  @Test
  void threeServerLinesAndAMyidMakeAReplicatedNode() throws Exception {
    myid("2\n");
    NodeConfig config = parse(THREE);
    assertTrue(config.replicated());
    assertEquals(2, config.myid());
    QuorumConfig quorum = config.quorum();
    assertEquals(2, quorum.myId());
    assertEquals(List.of(1L, 2L, 3L), quorum.voters());
    assertEquals(List.of(), quorum.observers());
    assertEquals(
        new QuorumServer(2, "127.0.0.2", 2888, 3888, false, new InetSocketAddress("0.0.0.0", 2182)),
        quorum.self());
    assertEquals("127.0.0.3", quorum.server(3).host());
    assertNull(quorum.server(4));
    assertFalse(quorum.isObserver());
    assertFalse(quorum.listenOnAllIps());
    assertFalse(quorum.readOnlyMode());
    assertEquals(2182, config.clientAddress().getPort(), "the client port comes from the line");
    assertTrue(config.clientAddress().getAddress().isAnyLocalAddress());
  }

  @Test
  void observersAndTheQuorumSwitches() throws Exception {
    myid("4");
    QuorumConfig quorum =
        parse(
                THREE
                    + "server.4=zk4.example:2888:3888:observer;127.0.0.4:2184\n"
                    + "server.5=zk5.example:2888:3888:OBSERVER\n"
                    + "server.6=zk6.example:2888:3888:participant\n"
                    + "quorumListenOnAllIPs=true\nreadonlymode.enabled=true\npeerType=observer\n")
            .quorum();
    assertEquals(List.of(1L, 2L, 3L, 6L), quorum.voters());
    assertEquals(List.of(4L, 5L), quorum.observers());
    assertTrue(quorum.isObserver());
    assertTrue(quorum.listenOnAllIps());
    assertTrue(quorum.readOnlyMode());
    assertEquals("127.0.0.4", quorum.self().clientAddress().getHostString());
    assertNull(quorum.server(5).clientAddress(), "no client part: null");
  }

  @Test
  void peerTypeThatContradictsTheServerLineOnlyWarns() throws Exception {
    myid("1");
    assertFalse(parse(THREE + "peerType=observer\n").quorum().isObserver());
    assertEquals(
        "peerType=spectator is not 'observer' or 'participant'", error("peerType=spectator"));
  }

  @Test
  void oneServerLineWithStandaloneEnabledRunsStandalone() throws Exception {
    NodeConfig config = parse("clientPort=2181\nserver.1=127.0.0.1:2888:3888\n");
    assertFalse(config.replicated());
    assertNull(config.quorum());
    assertEquals(0, config.myid());
    assertEquals(2181, config.clientAddress().getPort());
  }

  @Test
  void aStandaloneNodeTakesItsClientPortFromItsOwnLineAsApacheDoes() throws Exception {
    assertEquals("clientPort is not set", error("server.1=127.0.0.1:2888:3888;2181\n"));
    myid("1");
    NodeConfig config = parse("server.1=127.0.0.1:2888:3888;127.0.0.1:2181\n");
    assertFalse(config.replicated());
    assertEquals(new InetSocketAddress("127.0.0.1", 2181), config.clientAddress());
  }

  @Test
  void standaloneEnabledFalseMakesASingleServerAQuorum() throws Exception {
    myid("1");
    NodeConfig config =
        parse("standaloneEnabled=false\ninitLimit=5\nsyncLimit=2\nserver.1=h:2888:3888;2181\n");
    assertTrue(config.replicated());
    assertEquals(List.of(1L), config.quorum().voters());
    assertEquals(
        "standaloneEnabled=false needs at least one participant (server.N line)",
        error("standaloneEnabled=false\nclientPort=1\n"));
  }

  @Test
  void aStandaloneNodeDoesNotNeedAMyidFile() throws Exception {
    myid("not a number");
    NodeConfig config = parse("clientPort=2181\n");
    assertEquals(0, config.myid(), "without server lines the myid file is not read");
  }

  @Test
  void aReplicatedNodeNeedsAUsableMyidFile() throws Exception {
    Path file = dataDir.resolve("myid");
    assertEquals(
        "myid file "
            + file
            + " is missing; a replicated ensemble needs it to hold this server's id",
        error(THREE));
    myid("two\n");
    assertEquals("myid file " + file + ": serverid 'two' is not a number", error(THREE));
    myid("2 \n");
    assertEquals(
        "myid file " + file + ": serverid '2 ' is not a number", error(THREE), "Apache: no trim");
    myid("");
    assertEquals("myid file " + file + ": serverid (empty) is not a number", error(THREE));
    myid("7");
    assertEquals("myid file " + file + " gives id 7, but there is no server.7 line", error(THREE));
  }

  @Test
  void aReplicatedNodeNeedsInitLimitAndSyncLimit() throws Exception {
    myid("1");
    String servers = THREE.replace("initLimit=10\n", "").replace("syncLimit=5\n", "");
    assertEquals(
        "initLimit is not set; a replicated ensemble needs it", error(servers + "syncLimit=5\n"));
    assertEquals(
        "initLimit is not set; a replicated ensemble needs it",
        error(servers + "syncLimit=5\ninitLimit=0\n"));
    assertEquals(
        "syncLimit is not set; a replicated ensemble needs it", error(servers + "initLimit=5\n"));
  }

  @Test
  void clientPortMayComeFromZooCfgOrTheServerLine() throws Exception {
    myid("2");
    String noClientParts = THREE.replaceAll(";218\\d", "");
    NodeConfig fromClientPort = parse(noClientParts + "clientPort=2281\n");
    assertEquals(2281, fromClientPort.clientAddress().getPort());
    assertNull(
        fromClientPort.quorum().self().clientAddress(), "the line has none, whatever clientPort");
    assertEquals(
        "clientPort is not set, and the server.2 line has no client port", error(noClientParts));
    assertEquals(
        "clientPortAddress is set but clientPort is not set",
        error(THREE + "clientPortAddress=127.0.0.2\n"));
  }

  @Test
  void clientPortAndTheServerLineMustAgree() throws Exception {
    myid("2");
    assertEquals(2182, parse(THREE + "clientPort=2182\n").clientAddress().getPort());
    assertEquals(
        2182,
        parse(THREE + "clientPort=2182\nclientPortAddress=0.0.0.0\n").clientAddress().getPort(),
        "a wildcard clientPortAddress only fixes the port");
    assertEquals(
        "the client address of this server (id = 2) is 0.0.0.0:2181 by clientPort/clientPortAddress"
            + " but 0.0.0.0:2182 by its server.2 line",
        error(THREE + "clientPort=2181\n"));
    String lineWithHost = THREE.replace(";2182", ";127.0.0.2:2182");
    assertEquals(
        new InetSocketAddress("127.0.0.2", 2182),
        parse(lineWithHost + "clientPort=2182\nclientPortAddress=127.0.0.2\n").clientAddress());
    assertEquals(
        "the client address of this server (id = 2) is 127.0.0.9:2182 by"
            + " clientPort/clientPortAddress but 127.0.0.2:2182 by its server.2 line",
        error(lineWithHost + "clientPort=2182\nclientPortAddress=127.0.0.9\n"));
    assertEquals(
        "the client address of this server (id = 2) is 127.0.0.2:2182 by"
            + " clientPort/clientPortAddress but 0.0.0.0:2182 by its server.2 line",
        error(THREE + "clientPort=2182\nclientPortAddress=127.0.0.2\n"),
        "a specific clientPortAddress must equal the line's address, as in Apache");
  }

  @Test
  void serverLinesParseAsApachesQuorumServer() throws Exception {
    myid("1");
    QuorumConfig quorum =
        parse(
                """
                initLimit=10
                syncLimit=5
                server.1=[::1]:2888:3888:participant;[::1]:2181
                server.2=host2:2888:3888:
                server.3=host3:2888:3888;
                """)
            .quorum();
    assertEquals(
        new QuorumServer(1, "::1", 2888, 3888, false, new InetSocketAddress("::1", 2181)),
        quorum.self());
    assertEquals(
        new QuorumServer(2, "host2", 2888, 3888, false, null),
        quorum.server(2),
        "a trailing ':' is dropped by String.split, as in Apache");
    assertNull(quorum.server(3).clientAddress(), "so is a trailing ';'");
  }

  @Test
  void badServerLinesNameTheirKeyAndTheProblem() {
    String form =
        " does not have the form server_config or server_config;client_config where server_config"
            + " is host:port:port or host:port:port:type and client_config is port or host:port";
    assertEquals("server.1: h:2888" + form, error("server.1=h:2888"));
    assertEquals("server.1: h:1:2:observer:x" + form, error("server.1=h:1:2:observer:x"));
    assertEquals("server.1: h:1:2;3;4" + form, error("server.1=h:1:2;3;4"));
    assertEquals("server.1: h:1:2;a:b:3" + form, error("server.1=h:1:2;a:b:3"));
    assertEquals("server.1: ;" + form, error("server.1=;"));
    assertEquals("server.1: " + form, error("server.1="));
    assertEquals("server.1: Address unresolved: h:x", error("server.1=h:x:3888"));
    assertEquals("server.1: Address unresolved: h:", error("server.1=h::3888"));
    assertEquals("server.1: Address unresolved: 0.0.0.0:x", error("server.1=h:1:2;x"));
    assertEquals("server.1: port 70000 is out of range 0..65535", error("server.1=h:1:70000"));
    assertEquals("server.1: port -1 is out of range 0..65535", error("server.1=h:1:2;-1"));
    assertEquals(
        "server.1: the quorum port and the election port must be different, both are 2888",
        error("server.1=h:2888:2888"));
    assertEquals("server.1: Unrecognised peertype: voter", error("server.1=h:1:2:voter"));
    assertEquals("server.x: 'x' is not a server id (a number)", error("server.x=h:1:2"));
    assertEquals("server.1: the host name is empty", error("server.1=:1:2"));
    assertEquals(
        "server.1: multiple addresses (|) were specified for sid 1, but this version supports one"
            + " address per server",
        error("server.1=a:1:2|b:1:2"));
    assertEquals(
        "server.1: [::1:1:2 starts with '[' but has no matching ']:'", error("server.1=[::1:1:2"));
    assertEquals("server.1: [::1]: doesn't have a port after colon", error("server.1=[::1]:"));
    assertEquals("server.1: [::1]" + form, error("server.1=[::1]"));
    String duplicate = error("server.1=a:1:2\nserver.01=b:1:2\n");
    assertTrue(
        duplicate.equals("server.1 and server.01 both give server id 1")
            || duplicate.equals("server.01 and server.1 both give server id 1"),
        duplicate);
  }

  @Test
  void observersNeedAQuorum() {
    String message =
        "observers need a quorum: more than one participant, or standaloneEnabled=false";
    assertEquals(message, error("clientPort=1\nserver.1=h:1:2:observer\n"));
    assertEquals(message, error("clientPort=1\nserver.1=h:1:2\nserver.2=h:3:4:observer\n"));
  }

  @Test
  void quorumBooleansAreStrict() {
    assertEquals(
        "standaloneEnabled=yes is not 'true' or 'false'",
        error("clientPort=1\nstandaloneEnabled=yes\n"));
    assertEquals(
        "quorumListenOnAllIPs=1 is not 'true' or 'false'",
        error("clientPort=1\nquorumListenOnAllIPs=1\n"));
  }

  @Test
  void configurationsThisVersionCannotRunAreRefused() {
    assertEquals(
        "group.1: hierarchical quorums are not supported by this version",
        error(THREE + "group.1=1:2:3\n"));
    assertEquals(
        "weight.1: hierarchical quorums are not supported by this version",
        error(THREE + "weight.1=2\n"));
    assertEquals(
        "dynamicConfigFile /etc/zk/zoo.cfg.dynamic does not exist",
        error("clientPort=1\ndynamicConfigFile=/etc/zk/zoo.cfg.dynamic\n"));
  }

  private static final QuorumOptions OPTIONS = new QuorumOptions(false, false, false, true, null);

  @Test
  void theRecordKeepsItsInvariants() {
    QuorumServer one = new QuorumServer(1, "a", 1, 2, false, null);
    QuorumServer observer = new QuorumServer(2, "b", 1, 2, true, null);
    assertEquals(
        "server id 1 appears twice",
        assertThrows(
                IllegalArgumentException.class,
                () -> new QuorumConfig(1, List.of(one, one), 0, OPTIONS))
            .getMessage());
    // A reconfig may leave this server out: zoo.cfg loading refuses that at start-up instead.
    assertEquals(null, new QuorumConfig(3, List.of(one), 0, OPTIONS).self());
    assertEquals(
        "no voting member",
        assertThrows(
                IllegalArgumentException.class,
                () -> new QuorumConfig(2, List.of(observer), 0, OPTIONS))
            .getMessage());
  }
}

package io.zkensemble.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkensemble.node.storage.Compression;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZooCfgTest {
  private static NodeConfig parse(String text) throws ConfigException {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return ZooCfg.parse(properties);
  }

  private static String error(String text) {
    return assertThrows(ConfigException.class, () -> parse(text)).getMessage();
  }

  @Test
  void appliesApachesDefaults() throws ConfigException {
    NodeConfig config = parse("dataDir=/tmp/zk\nclientPort=2181\n");
    assertEquals(3000, config.tickTime());
    assertEquals(6000, config.minSessionTimeout());
    assertEquals(60000, config.maxSessionTimeout());
    assertEquals(60, config.maxClientCnxns());
    assertEquals(0xfffff, config.juteMaxBuffer());
    assertEquals(Path.of("/tmp/zk"), config.dataLogDir());
    assertEquals(Set.of("srvr"), config.fourLetterWords());
    assertEquals(2181, config.clientAddress().getPort());
    assertTrue(config.clientAddress().getAddress().isAnyLocalAddress());
  }

  @Test
  void readsTheKeysItHonours() throws ConfigException {
    NodeConfig config =
        parse(
            """
            # comments and spaces around values, as java.util.Properties reads them
            dataDir = /var/zk
            dataLogDir=/var/zklog
            clientPort=2182
            clientPortAddress=127.0.0.2
            tickTime=100
            minSessionTimeout=150
            maxSessionTimeout=9000
            maxClientCnxns=0
            jute.maxbuffer=4096
            4lw.commands.whitelist=ruok, mntr
            initLimit=10
            syncLimit=5
            """);
    assertEquals(Path.of("/var/zklog"), config.dataLogDir());
    assertEquals("127.0.0.2", config.clientAddress().getHostString());
    assertEquals(150, config.minSessionTimeout());
    assertEquals(9000, config.maxSessionTimeout());
    assertEquals(0, config.maxClientCnxns());
    assertEquals(4096, config.juteMaxBuffer());
    assertEquals(Set.of("srvr", "ruok", "mntr"), config.fourLetterWords());
  }

  @Test
  void aStarEnablesEveryFourLetterWord() throws ConfigException {
    NodeConfig config = parse("dataDir=d\nclientPort=1\n4lw.commands.whitelist=*\n");
    assertEquals(ZooCfg.FOUR_LETTER_WORDS, config.fourLetterWords());
  }

  @Test
  void aNameThatIsNoFourLetterWordEnablesNothingAsInApache() throws ConfigException {
    NodeConfig config = parse("dataDir=d\nclientPort=1\n4lw.commands.whitelist=nope, ruok\n");
    assertEquals(Set.of("srvr", "ruok"), config.fourLetterWords());
  }

  @Test
  void badValuesNameTheirKey() {
    assertEquals("dataDir is not set", error("clientPort=1"));
    assertEquals("clientPort is not set", error("dataDir=d"));
    assertEquals("clientPort=65536 is out of range 0..65535", error("dataDir=d\nclientPort=65536"));
    assertEquals("clientPort=x is not a number", error("dataDir=d\nclientPort=x"));
    assertEquals("tickTime=0 must be positive", error("dataDir=d\nclientPort=1\ntickTime=0"));
    assertEquals(
        "maxClientCnxns=-1 must not be negative",
        error("dataDir=d\nclientPort=1\nmaxClientCnxns=-1"));
    assertEquals(
        "minSessionTimeout=5000 must not be larger than maxSessionTimeout=4000",
        error("dataDir=d\nclientPort=1\nminSessionTimeout=5000\nmaxSessionTimeout=4000"));
    assertEquals(
        "jute.maxbuffer=0 must be positive", error("dataDir=d\nclientPort=1\njute.maxbuffer=0"));
  }

  @Test
  void unknownAndUnusedKeysAreNotFatal() throws ConfigException {
    NodeConfig config = parse("dataDir=d\nclientPort=1\nfooBar=1\nautopurge.purgeInterval=1\n");
    assertEquals(1, config.clientAddress().getPort());
  }

  @Test
  void apachesSystemPropertiesAreReadWhenZooCfgIsSilent() throws ConfigException {
    Map<String, String> properties =
        Map.of(
            "zookeeper.extendedTypesEnabled", "true",
            "zookeeper.skipACL", "yes",
            "zookeeper.enforceQuota", "true",
            "zookeeper.DigestAuthenticationProvider.superDigest", "super:abc=",
            "znode.container.checkIntervalMs", "1000",
            "znode.container.maxPerMinute", "60",
            "znode.container.maxNeverUsedIntervalMs", "5000",
            "jute.maxbuffer", "4096");
    properties.forEach(System::setProperty);
    try {
      ServerOptions options = parse("dataDir=d\nclientPort=1\n").options();
      assertEquals(
          new ServerOptions(true, true, true, true, "super:abc=", 1000, 60, 5000), options);
      assertEquals(4096, parse("dataDir=d\nclientPort=1\n").juteMaxBuffer());
      NodeConfig fromFile =
          parse(
              "dataDir=d\nclientPort=1\nextendedTypesEnabled=false\nskipACL=no\n"
                  + "znode.container.checkIntervalMs=50\njute.maxbuffer=8192\n");
      assertEquals(false, fromFile.options().extendedTypesEnabled(), "zoo.cfg wins");
      assertEquals(false, fromFile.options().skipAcl());
      assertEquals(50, fromFile.options().containerCheckIntervalMs());
      assertEquals(8192, fromFile.juteMaxBuffer());
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void defaultsOfTheApacheSwitches() throws ConfigException {
    assertEquals(ServerOptions.defaults(), parse("dataDir=d\nclientPort=1\n").options());
    assertEquals(
        "znode.container.maxPerMinute=0 must be positive",
        error("dataDir=d\nclientPort=1\nznode.container.maxPerMinute=0"));
  }

  @Test
  void storageSettingsHaveApachesDefaultsAndBounds() throws ConfigException {
    assertEquals(StorageOptions.defaults(), parse("dataDir=d\nclientPort=1\n").storage());
    StorageOptions set =
        parse(
                "dataDir=d\nclientPort=1\nforceSync=no\nsnapCount=1\npreAllocSize=16\n"
                    + "snapshot.compression.method=snappy\nautopurge.snapRetainCount=1\n"
                    + "autopurge.purgeInterval=24\n")
            .storage();
    assertEquals(
        new StorageOptions(false, 2, 16 * 1024, Compression.SNAPPY, 3, 24),
        set,
        "snapCount below 2 becomes 2 and snapRetainCount below 3 becomes 3, as in Apache");
    assertEquals(
        "autopurge.purgeInterval=-1 must not be negative",
        error("dataDir=d\nclientPort=1\nautopurge.purgeInterval=-1"));
  }

  @Test
  void aMissingFileIsNamed() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ZooCfg.load(Path.of("/no/such/zoo.cfg")));
    assertEquals("config file /no/such/zoo.cfg does not exist", e.getMessage());
  }
}

package io.zkensemble.node.storage.snappy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Deterministic inputs shared by the snappy tests. */
final class SnappyTestData {
  private SnappyTestData() {}

  static byte[] random(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** Lines resembling a snapshot's text parts: repetitive, with a few varying digits. */
  static byte[] repetitiveText(int length, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(length + 100);
    while (text.length() < length) {
      text.append("/zookeeper/config/app-")
          .append(random.nextInt(10))
          .append(" ctime=1700000000000 mzxid=0x100000")
          .append(random.nextInt(10))
          .append(" acl=world:anyone:cdrwa\n");
    }
    return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), length);
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}

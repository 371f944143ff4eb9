package io.zkensemble.node.tree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of zookeeper_limits and zookeeper_stats nodes (Apache's StatsTrack): "count=N,bytes=M"
 * then, when there are other keys, "=" and ";key=value" pairs in key order (the extra "=" makes old
 * parsers ignore them). A missing value reads as -1 (no limit); so does a value that is not a
 * number, where Apache would fail the write that touches it.
 */
public final class QuotaStats {
  public static final String COUNT = "count";
  public static final String BYTES = "bytes";
  public static final String COUNT_HARD_LIMIT = "countHardLimit";
  public static final String BYTE_HARD_LIMIT = "byteHardLimit";

  private static final Pattern PAIRS_SEPARATOR = Pattern.compile("[,;]+");

  private final Map<String, Long> values = new LinkedHashMap<>();

  public static QuotaStats parse(byte[] data) {
    QuotaStats stats = new QuotaStats();
    String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return stats;
    }
    for (String pair : PAIRS_SEPARATOR.split(text)) {
      String[] kv = pair.split("=");
      try {
        stats.values.put(kv[0], kv.length < 2 || kv[1].isEmpty() ? -1 : Long.parseLong(kv[1]));
      } catch (NumberFormatException e) {
        // Apache throws here; a pair that is not a number is ignored, as if it were missing.
      }
    }
    return stats;
  }

  public long get(String key) {
    return values.getOrDefault(key, -1L);
  }

  public QuotaStats set(String key, long value) {
    values.put(key, value);
    return this;
  }

  public byte[] bytes() {
    StringBuilder text =
        new StringBuilder().append(COUNT).append('=').append(get(COUNT)).append(',');
    text.append(BYTES).append('=').append(get(BYTES));
    List<String> others = new ArrayList<>(values.keySet());
    others.remove(COUNT);
    others.remove(BYTES);
    if (!others.isEmpty()) {
      text.append('=');
      Collections.sort(others);
      for (String key : others) {
        text.append(';').append(key).append('=').append(values.get(key));
      }
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}

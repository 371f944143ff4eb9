package io.zkensemble.node.storage;

import io.zkensemble.node.storage.snappy.SnappyFramedInputStream;
import io.zkensemble.node.storage.snappy.SnappyFramedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Snapshot compression as Apache's SnapStream names it (zookeeper.snapshot.compression.method):
 * none, gz or snappy, told apart by the file name's extension.
 */
public enum Compression {
  NONE(""),
  GZIP(".gz"),
  SNAPPY(".snappy");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  public String extension() {
    return extension;
  }

  /** The method a config value names: "gz", "snappy", or anything else for none (as Apache). */
  public static Compression named(String method) {
    if ("gz".equals(method)) {
      return GZIP;
    }
    if ("snappy".equals(method)) {
      return SNAPPY;
    }
    return NONE;
  }

  /** The compression of a snapshot file, by its extension. */
  static Compression ofFile(String name) {
    if (name.endsWith(GZIP.extension)) {
      return GZIP;
    }
    if (name.endsWith(SNAPPY.extension)) {
      return SNAPPY;
    }
    return NONE;
  }

  OutputStream wrap(OutputStream out) throws IOException {
    return switch (this) {
      case NONE -> out;
      case GZIP -> new GZIPOutputStream(out, 64 * 1024);
      case SNAPPY -> new SnappyFramedOutputStream(out);
    };
  }

  InputStream wrap(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> new GZIPInputStream(in, 64 * 1024);
      case SNAPPY -> new SnappyFramedInputStream(in);
    };
  }
}

package io.zkensemble.node.quorum;

import io.vertx.core.buffer.Buffer;
import io.zkensemble.node.storage.Snapshots;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.tree.SnapshotCursor;
import io.zkensemble.node.txn.ZkDatabase;
import io.zkensemble.node.wire.JuteException;
import io.zkensemble.node.wire.JuteInput;
import io.zkensemble.node.wire.JuteOutput;
import io.zkensemble.node.wire.data.ACL;
import io.zkensemble.node.wire.data.StatPersisted;
import java.io.IOException;
import java.util.List;

/**
 * The state a leader sends after SNAP, as ZKDatabase.serializeSnapshot writes it
 * (SerializeUtils.serializeSnapshot): the sessions (a count, then id and timeout), the ACL map (a
 * count, then reference and ACL list) and the nodes (path, data, ACL reference, persisted stat; the
 * root's path is "", and the path "/" ends them). A snapshot file's body, without its header,
 * seals, digest or last zxid: 3.9 adds none of those on the wire, and the learner takes the zxid
 * from the SNAP packet.
 */
public final class SnapStream {
  /** A node after its path and data: the ACL reference (long) and StatPersisted (60 bytes). */
  private static final int NODE_TAIL = 8 + 4 * 8 + 3 * 4 + 2 * 8;

  /** A session: id (long) and timeout (int). */
  private static final int SESSION = 8 + 4;

  private SnapStream() {}

  /** The stream of {@code db} as it is now; the caller makes sure nothing changes it meanwhile. */
  public static byte[] write(ZkDatabase db) {
    Buffer stream = Buffer.buffer(1 << 16);
    JuteOutput out = new JuteOutput(stream);
    Snapshots.writeSessionsAndAcls(out, db);
    SnapshotCursor cursor = db.tree().snapshotCursor();
    while (!cursor.done()) {
      cursor.writeNext(out, Integer.MAX_VALUE);
    }
    return stream.getBytes();
  }

  /**
   * Replaces what {@code into} holds with {@code stream}, the leader's state at {@code zxid} (the
   * SNAP packet's): sessions, ACL cache with use counts, nodes with the ephemeral, container and
   * TTL indexes and quotas, as loading a snapshot file does. Throws when the stream is not a
   * complete, consistent snapshot; {@code into} is then half loaded, to be discarded.
   */
  public static void read(byte[] stream, long zxid, ZkDatabase into) throws IOException {
    JuteInput in = new JuteInput(Buffer.buffer(stream));
    DataTree tree = into.tree();
    try {
      into.clearForLoad();
      for (int sessions = count(in.readInt()); sessions > 0; sessions--) {
        into.loadSession(in.readLong(), in.readInt());
      }
      for (int lists = count(in.readInt()); lists > 0; lists--) {
        long ref = in.readLong();
        List<ACL> acl = in.readVector(ACL::readFrom);
        if (acl == null) {
          throw new IOException("ACL reference " + ref + " without a list");
        }
        tree.loadAcl(ref, acl);
      }
      String path = in.readString();
      while (!SnapshotCursor.END.equals(path)) {
        if (path == null) {
          throw new IOException("a node without a path");
        }
        tree.loadNode(path, in.readBuffer(), in.readLong(), StatPersisted.readFrom(in));
        path = in.readString();
      }
      if (in.remaining() != 0) {
        throw new IOException(in.remaining() + " bytes after the nodes");
      }
      tree.finishLoad(zxid);
    } catch (JuteException | IllegalStateException e) {
      throw new IOException("a broken snapshot from the leader: " + e.getMessage(), e);
    }
  }

  /**
   * A count of sessions or ACL lists. Apache never writes a negative one (and would read it as
   * none); here, as in {@link Scanner}, it is an error.
   */
  private static int count(int count) {
    if (count < 0) {
      throw new JuteException("negative count " + count + " in the snapshot stream");
    }
    return count;
  }

  /**
   * Finds where a stream ends while its bytes arrive, checking each count and length as Apache's
   * learner reads them (BinaryInputArchive: a string or buffer longer than {@code maxLength} is an
   * error) without decoding anything. Each call resumes after the last complete element (a session,
   * an ACL list's header, one ACL, a node), so feeding a stream in chunks costs time linear in its
   * size whatever the chunks.
   */
  static final class Scanner {
    private enum Part {
      SESSION_COUNT,
      SESSIONS,
      ACL_LIST_COUNT,
      ACL_LIST,
      ACLS,
      NODES,
      DONE
    }

    private final int maxLength;
    private Part part = Part.SESSION_COUNT;
    private int left;
    private int listsLeft;

    Scanner(int maxLength) {
      this.maxLength = maxLength;
    }

    boolean done() {
      return part == Part.DONE;
    }

    /**
     * Goes over the complete elements in {@code [position, end)} of {@code bytes}; returns where
     * the first incomplete one starts, or where the stream ends once {@link #done()}. Throws {@link
     * JuteException} for a negative count or a bad length.
     */
    int scan(Buffer bytes, int position, int end) {
      while (part != Part.DONE) {
        int next = step(bytes, position, end);
        if (next < 0) {
          return position;
        }
        position = next;
      }
      return position;
    }

    /** One element at {@code at}; returns where it ends, or -1 when it is not all there. */
    private int step(Buffer bytes, int at, int end) {
      switch (part) {
        case SESSION_COUNT -> {
          if (end - at < 4) {
            return -1;
          }
          left = count(bytes.getInt(at));
          part = Part.SESSIONS;
          return at + 4;
        }
        case SESSIONS -> {
          if (left == 0) {
            part = Part.ACL_LIST_COUNT;
            return at;
          }
          int whole = Math.min(left, (end - at) / SESSION);
          left -= whole;
          return whole == 0 ? -1 : at + whole * SESSION;
        }
        case ACL_LIST_COUNT -> {
          if (end - at < 4) {
            return -1;
          }
          listsLeft = count(bytes.getInt(at));
          part = Part.ACL_LIST;
          return at + 4;
        }
        case ACL_LIST -> {
          if (listsLeft == 0) {
            part = Part.NODES;
            return at;
          }
          // The reference (long), then the list's count.
          if (end - at < 8 + 4) {
            return -1;
          }
          left = count(bytes.getInt(at + 8));
          listsLeft--;
          part = Part.ACLS;
          return at + 8 + 4;
        }
        case ACLS -> {
          if (left == 0) {
            part = Part.ACL_LIST;
            return at;
          }
          // Permissions (int), then the Id's scheme and id.
          int next = skip(bytes, skip(bytes, at + 4, end), end);
          if (next >= 0) {
            left--;
          }
          return next;
        }
        case NODES -> {
          return node(bytes, at, end);
        }
        default -> throw new IllegalStateException("scanning a finished stream");
      }
    }

    /** A node, or the end marker: the path "/" (length 1). */
    private int node(Buffer bytes, int at, int end) {
      int afterPath = skip(bytes, at, end);
      if (afterPath < 0) {
        return -1;
      }
      if (bytes.getInt(at) == -1) {
        throw new JuteException("a node without a path in the snapshot stream");
      }
      if (afterPath - at == 4 + 1 && bytes.getByte(at + 4) == '/') {
        part = Part.DONE;
        return afterPath;
      }
      int afterData = skip(bytes, afterPath, end);
      return afterData < 0 || end - afterData < NODE_TAIL ? -1 : afterData + NODE_TAIL;
    }

    private int skip(Buffer bytes, int at, int end) {
      return QuorumFrames.skip(bytes, at, end, maxLength);
    }
  }
}

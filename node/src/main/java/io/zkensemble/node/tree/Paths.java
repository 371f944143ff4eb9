package io.zkensemble.node.tree;

import io.zkensemble.node.wire.ErrorCode;

/** znode path rules, as Apache's PathUtils.validatePath states them. */
public final class Paths {
  private Paths() {}

  /** The parent of an absolute path; "/" for a child of the root. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /** The last component of an absolute path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Throws BadArguments unless {@code path} is a valid absolute znode path. */
  public static void validate(String path) {
    if (invalidReason(path) != null) {
      throw new ZkError(ErrorCode.BAD_ARGUMENTS, path);
    }
  }

  /** Why {@code path} is not a valid znode path, or null when it is. */
  public static String invalidReason(String path) {
    if (path == null) {
      return "path cannot be null";
    }
    if (path.isEmpty()) {
      return "path length must be > 0";
    }
    if (path.charAt(0) != '/') {
      return "path must start with / character";
    }
    if (path.length() == 1) {
      return null;
    }
    if (path.charAt(path.length() - 1) == '/') {
      return "path must not end with / character";
    }
    char last = '/';
    for (int i = 1; i < path.length(); last = path.charAt(i), i++) {
      char c = path.charAt(i);
      if (c == 0) {
        return "null character not allowed @" + i;
      } else if (c == '/' && last == '/') {
        return "empty node name specified @" + i;
      } else if (c == '.' && last == '.') {
        if (path.charAt(i - 2) == '/' && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
          return "relative paths not allowed @" + i;
        }
      } else if (c == '.') {
        if (path.charAt(i - 1) == '/' && (i + 1 == path.length() || path.charAt(i + 1) == '/')) {
          return "relative paths not allowed @" + i;
        }
      } else if (c > '\u0000' && c <= '\u001f'
          || c >= '\u007f' && c <= '\u009F'
          || c >= '\ud800' && c <= '\uf8ff'
          || c >= '\ufff0') {
        return "invalid character @" + i;
      }
    }
    return null;
  }
}

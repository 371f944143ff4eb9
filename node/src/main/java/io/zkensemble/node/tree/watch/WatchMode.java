package io.zkensemble.node.tree.watch;

/**
 * How a watch fires, as bits so one (watcher, path) pair can hold several (Apache's WatcherMode and
 * WatchStats): a standard watch fires once; a persistent one stays; a persistent recursive one
 * stays and also fires for everything below its path.
 */
public final class WatchMode {
  public static final int STANDARD = 1;
  public static final int PERSISTENT = 2;
  public static final int PERSISTENT_RECURSIVE = 4;

  /** Any mode, for removing or checking a watch whatever its kind. */
  public static final int ANY = STANDARD | PERSISTENT | PERSISTENT_RECURSIVE;

  private WatchMode() {}
}

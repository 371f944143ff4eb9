package io.zkensemble.node;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public final class NodeMain {
  private NodeMain() {}

  public static void main(String... args) {
    Quarkus.run(args);
  }
}

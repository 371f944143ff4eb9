package io.zkensemble.operator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The operator's entry point; its reconcilers arrive with the ZkEnsemble resource. */
@QuarkusMain
public final class OperatorMain {
  private OperatorMain() {}

  public static void main(String... args) {
    Quarkus.run(args);
  }
}

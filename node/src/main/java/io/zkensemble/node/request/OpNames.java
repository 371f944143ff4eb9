package io.zkensemble.node.request;

import io.zkensemble.node.wire.OpCode;

/** The four-letter names cons and the connections command show as lop (Apache's lastOp). */
final class OpNames {
  private OpNames() {}

  /** Apache's FinalRequestProcessor names; a request it does not name keeps "NA". */
  static String abbreviation(int type) {
    return switch (type) {
      case OpCode.CLOSE_SESSION -> "CLOS";
      case OpCode.CREATE_SESSION -> "SESS";
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> "CREA";
      case OpCode.DELETE, OpCode.DELETE_CONTAINER -> "DELE";
      case OpCode.EXISTS -> "EXIS";
      case OpCode.GET_DATA -> "GETD";
      case OpCode.SET_DATA -> "SETD";
      case OpCode.GET_ACL -> "GETA";
      case OpCode.SET_ACL -> "SETA";
      case OpCode.GET_CHILDREN, OpCode.GET_CHILDREN2 -> "GETC";
      case OpCode.SYNC -> "SYNC";
      case OpCode.PING -> "PING";
      case OpCode.CHECK -> "CHEC";
      case OpCode.MULTI -> "MULT";
      case OpCode.MULTI_READ -> "MLTR";
      case OpCode.RECONFIG -> "RECO";
      case OpCode.CHECK_WATCHES -> "CHKW";
      case OpCode.REMOVE_WATCHES -> "REMW";
      case OpCode.SET_WATCHES -> "SETW";
      case OpCode.GET_EPHEMERALS -> "GETE";
      case OpCode.GET_ALL_CHILDREN_NUMBER -> "GETACN";
      case OpCode.SET_WATCHES2 -> "STW2";
      case OpCode.ADD_WATCH -> "ADDW";
      case OpCode.WHO_AM_I -> "HOMI";
      default -> "NA";
    };
  }
}

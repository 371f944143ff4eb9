package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataNode;

/**
 * What preparing a write needs to know of a znode, as it will be once every write prepared before
 * is applied (Apache's ChangeRecord, without the fields no check reads).
 *
 * @param cversion the count of child creations, which names sequential children
 */
record NodeView(int version, int cversion, long ephemeralOwner, int numChildren) {
  static NodeView of(DataNode node) {
    return new NodeView(
        node.version(), node.storedCversion(), node.ephemeralOwner(), node.numChildren());
  }

  static NodeView created(long ephemeralOwner) {
    return new NodeView(0, 0, ephemeralOwner, 0);
  }

  NodeView withVersion(int newVersion) {
    return new NodeView(newVersion, cversion, ephemeralOwner, numChildren);
  }

  NodeView withChildCreated() {
    return new NodeView(version, cversion + 1, ephemeralOwner, numChildren + 1);
  }

  NodeView withChildDeleted() {
    return new NodeView(version, cversion, ephemeralOwner, numChildren - 1);
  }
}

package io.zkensemble.node.request;

import io.zkensemble.node.tree.DataNode;
import io.zkensemble.node.tree.DataTree;
import io.zkensemble.node.wire.data.ACL;
import java.util.List;

/**
 * What preparing a write needs to know of a znode, as it will be once every write prepared before
 * is applied (Apache's ChangeRecord, without the fields no check reads).
 *
 * @param cversion the count of child creations, which names sequential children
 */
record NodeView(
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner,
    int numChildren,
    int dataLength,
    List<ACL> acl) {
  static NodeView of(DataTree tree, DataNode node) {
    return new NodeView(
        node.version(),
        node.storedCversion(),
        node.aversion(),
        node.ephemeralOwner(),
        node.numChildren(),
        node.dataLength(),
        tree.acl(node));
  }

  static NodeView created(long ephemeralOwner, int dataLength, List<ACL> acl) {
    return new NodeView(0, 0, 0, ephemeralOwner, 0, dataLength, acl);
  }

  NodeView withData(int newVersion, int newDataLength) {
    return new NodeView(
        newVersion, cversion, aversion, ephemeralOwner, numChildren, newDataLength, acl);
  }

  NodeView withAcl(int newAversion, List<ACL> newAcl) {
    return new NodeView(
        version, cversion, newAversion, ephemeralOwner, numChildren, dataLength, newAcl);
  }

  NodeView withChildCreated() {
    return new NodeView(
        version, cversion + 1, aversion, ephemeralOwner, numChildren + 1, dataLength, acl);
  }

  NodeView withChildDeleted() {
    return new NodeView(
        version, cversion, aversion, ephemeralOwner, numChildren - 1, dataLength, acl);
  }
}

package io.zkensemble.node.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a JSON document: every key path with the kind of its value ("server_stats.uptime
 * number", "connections[].session_id number"), ignoring the values themselves.
 */
final class JsonShape {
  private JsonShape() {}

  /** The shape; an object's keys that are ids (session ids, expiry times, paths) become "*". */
  static Set<String> of(JsonObject json, Set<String> keyedByData) {
    Set<String> shape = new TreeSet<>();
    walk(json, "", shape, keyedByData);
    return shape;
  }

  private static void walk(Object value, String path, Set<String> shape, Set<String> keyedByData) {
    if (value instanceof JsonObject object) {
      shape.add(path + " object");
      for (String key : object.fieldNames()) {
        String name = keyedByData.contains(path) ? "*" : key;
        walk(object.getValue(key), path.isEmpty() ? name : path + "." + name, shape, keyedByData);
      }
    } else if (value instanceof JsonArray array) {
      shape.add(path + " array");
      for (Object element : array) {
        walk(element, path + "[]", shape, keyedByData);
      }
    } else {
      shape.add(path + " " + kind(value));
    }
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number) {
      return "number";
    }
    return value instanceof Boolean ? "boolean" : "string";
  }
}

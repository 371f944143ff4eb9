package io.zkensemble.operator.e2e;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion of command, args and env values: a defined variable is
 * replaced by its value, an undefined one is left as written, {@code $$} is an escaped {@code $},
 * and any other {@code $} stays as it is (the rules of Kubernetes' {@code
 * third_party/forked/golang/expansion}).
 */
final class Expansion {
  private Expansion() {}

  static String expand(String input, Function<String, String> variables) {
    StringBuilder out = new StringBuilder();
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) != '$' || cursor + 1 == input.length()) {
        continue;
      }
      out.append(input, checkpoint, cursor);
      char next = input.charAt(cursor + 1);
      int close = next == '(' ? input.indexOf(')', cursor + 2) : -1;
      if (next == '$') {
        out.append('$');
        cursor += 1;
      } else if (close >= 0) {
        String name = input.substring(cursor + 2, close);
        String value = variables.apply(name);
        out.append(value != null ? value : "$(" + name + ")");
        cursor = close;
      } else {
        out.append('$').append(next);
        cursor += 1;
      }
      checkpoint = cursor + 1;
    }
    return out.append(input, checkpoint, input.length()).toString();
  }
}

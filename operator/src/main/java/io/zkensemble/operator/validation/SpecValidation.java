package io.zkensemble.operator.validation;

import java.util.List;

/**
 * What the schema cannot check about a spec.
 *
 * @param errors reasons the spec is refused: nothing is changed until they are fixed
 * @param warnings settings that are accepted but likely mistakes
 */
public record SpecValidation(List<String> errors, List<String> warnings) {
  public boolean valid() {
    return errors.isEmpty();
  }
}

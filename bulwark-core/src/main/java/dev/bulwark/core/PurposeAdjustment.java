package dev.bulwark.core;

/**
 * How a rule's findings change in a target of another purpose than an application image:
 * {@code severity} null means the rule does not apply there; {@code note} says why, in words the
 * finding's message gains ("base image: images built FROM it must set USER").
 */
public record PurposeAdjustment(Purpose purpose, Severity severity, String note) {

  public boolean drops() {
    return severity == null;
  }
}

package dev.bulwark.k8s;

/** The Pod Security Standards levels that restrict anything (privileged allows everything). */
public enum PssLevel {
  BASELINE,
  RESTRICTED;

  public String label() {
    return this == BASELINE ? "baseline" : "restricted";
  }
}

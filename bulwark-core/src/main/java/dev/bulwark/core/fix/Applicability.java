package dev.bulwark.core.fix;

/**
 * Whether applying a fix keeps the file's meaning. {@code bulwark fix} applies only safe fixes
 * unless asked for unsafe ones too; {@code bulwark harden} is mostly unsafe fixes.
 */
public enum Applicability {
  /** The build means the same after the fix (e.g. a flag spelt the canonical way). */
  SAFE,
  /** The fix changes what the build does (e.g. adds a USER), so a person should review it. */
  UNSAFE
}

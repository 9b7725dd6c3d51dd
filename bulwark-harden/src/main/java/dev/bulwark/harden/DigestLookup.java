package dev.bulwark.harden;

import java.util.Optional;

/**
 * The digest an image reference resolves to ({@code sha256:…}), for {@code --pin-digest}; empty
 * when it cannot be resolved. The caller supplies it (a registry client): harden does no I/O.
 */
@FunctionalInterface
public interface DigestLookup {
  DigestLookup NONE = ref -> Optional.empty();

  Optional<String> digest(String imageReference);
}

package dev.bulwark.core;

import java.util.Collection;
import java.util.List;

/** Helpers for finding messages, which stay one line however much was found. */
public final class Messages {
  private Messages() {}

  /** The first five items and how many more. */
  public static String listSome(Collection<String> items) {
    List<String> all = List.copyOf(items);
    List<String> shown = all.size() > 5 ? all.subList(0, 5) : all;
    return String.join(", ", shown) + (all.size() > 5 ? " and " + (all.size() - 5) + " more" : "");
  }
}

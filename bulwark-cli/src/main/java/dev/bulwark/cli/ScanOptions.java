package dev.bulwark.cli;

import java.nio.file.Path;
import java.util.List;

/** {@code bulwark scan}'s options as plain values (from picocli or the fast path). */
record ScanOptions(
    List<Path> paths,
    List<String> excludes,
    List<String> formats,
    String failOn,
    Path config,
    Path baseline,
    Path writeBaseline,
    boolean noFail,
    boolean noColor) {}

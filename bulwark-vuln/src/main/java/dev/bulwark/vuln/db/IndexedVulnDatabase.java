package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An {@link IndexedDbFile} opened: the structure was checked when it was opened, and a query decodes only the
 * advisories of the package it asks about. Reads the buffer by absolute index only, so safe to share between threads.
 */
public final class IndexedVulnDatabase implements VulnDatabase {
  private final Path file;
  private final ByteBuffer buf;
  private final DbInfo info;
  private final int index;
  private final int packages;
  private final int table;
  private final int advisories;
  /** Advisories decoded so far, by index: a package queried again (the same library in two places) decodes nothing. */
  private final AtomicReferenceArray<Advisory> decoded;

  IndexedVulnDatabase(Path file, ByteBuffer buf, DbInfo info, int index, int packages, int table, int advisories) {
    this.file = file;
    this.buf = buf;
    this.info = info;
    this.index = index;
    this.packages = packages;
    this.table = table;
    this.advisories = advisories;
    this.decoded = new AtomicReferenceArray<>(advisories);
  }

  @Override
  public MatchResult match(String ecosystem, String name, String version) {
    int entry = find(PackageKeys.key(ecosystem, name).getBytes(StandardCharsets.UTF_8));
    if (entry < 0) return MatchResult.NONE;
    int list = buf.getInt(entry + 8);
    int count = buf.getInt(entry + 12);
    List<Match> matches = new ArrayList<>();
    boolean unknown = false;
    for (int p = 0; p < count; p++) {
      int adv = buf.getInt(list + p * IndexedDbFile.PAIR);
      int affectedIndex = buf.getInt(list + p * IndexedDbFile.PAIR + 4);
      Advisory a = advisory(adv);
      if (matched(matches, a)) continue; // one match per advisory, as MemoryVulnDatabase
      if (affectedIndex >= a.affected().size()) {
        throw new java.io.UncheckedIOException(IndexedDbFile.corrupt(file, "a package list entry out of range"));
      }
      Affected af = a.affected().get(affectedIndex);
      Matcher.Verdict v = Matcher.evaluate(af, version);
      unknown |= v.unknown();
      if (v.affected()) matches.add(new Match(a, af, v.fixed()));
    }
    return new MatchResult(matches, unknown);
  }

  private static boolean matched(List<Match> matches, Advisory a) {
    for (Match m : matches) {
      if (m.advisory() == a) return true;
    }
    return false;
  }

  /** The index entry's position for {@code key}, or -1: a binary search over the sorted keys. */
  private int find(byte[] key) {
    ByteBuffer k = ByteBuffer.wrap(key);
    int lo = 0;
    int hi = packages - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int e = index + mid * IndexedDbFile.ENTRY;
      int c = IndexedDbFile.compare(buf, buf.getInt(e), buf.getInt(e + 4), k, 0, key.length);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return e;
    }
    return -1;
  }

  int size() {
    return advisories;
  }

  /** Advisory {@code i} (import order), decoded from its blob. */
  Advisory advisory(int i) {
    Advisory a = decoded.get(i);
    if (a != null) return a;
    int at = table + i * IndexedDbFile.BLOB;
    a = IndexedDbFile.decode(file, IndexedDbFile.slice(buf, buf.getInt(at), buf.getInt(at + 4)));
    // a race decodes twice and keeps the first: matched() compares by identity within one query only
    return decoded.compareAndSet(i, null, a) ? a : decoded.get(i);
  }

  @Override
  public DbInfo info() {
    return info;
  }
}

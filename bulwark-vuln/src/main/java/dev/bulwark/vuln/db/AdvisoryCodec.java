package dev.bulwark.vuln.db;

import dev.bulwark.vuln.osv.Advisory;
import dev.bulwark.vuln.osv.Affected;
import dev.bulwark.vuln.osv.Range;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Advisory} as bytes for {@link IndexedDbFile}: the record's fields in order, strings as a length (-1 for
 * null) and UTF-8, lists as a count, enums as their ordinal. Decoding it is a few times cheaper than Jackson reading
 * the same record as JSON, which a query pays for every advisory of the package it asks about (VulnDbBenchmark).
 * Every read is bounds-checked: a bad blob is {@link Corrupt}, never an out-of-bounds read or a wrong record.
 */
final class AdvisoryCodec {
  private AdvisoryCodec() {}

  /** A blob that does not decode. */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message, null, false, false);
    }
  }

  static byte[] encode(Advisory a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    DataOutputStream out = new DataOutputStream(bytes);
    string(out, a.id());
    strings(out, a.aliases());
    string(out, a.summary());
    out.writeInt(a.severity().size());
    for (Advisory.Severity s : a.severity()) {
      string(out, s.type());
      string(out, s.score());
    }
    string(out, a.databaseSeverity());
    string(out, a.published());
    string(out, a.modified());
    string(out, a.withdrawn());
    out.writeInt(a.affected().size());
    for (Affected af : a.affected()) {
      string(out, af.ecosystem());
      string(out, af.name());
      string(out, af.purl());
      out.writeInt(af.ranges().size());
      for (Range r : af.ranges()) {
        out.writeByte(r.type().ordinal());
        out.writeInt(r.events().size());
        for (Range.Event e : r.events()) {
          out.writeByte(e.kind().ordinal());
          string(out, e.version());
        }
      }
      strings(out, af.versions());
      string(out, af.note());
      string(out, af.vendorSeverity());
      out.writeInt(af.imports().size());
      for (Affected.Import i : af.imports()) {
        string(out, i.path());
        strings(out, i.symbols());
        strings(out, i.goos());
        strings(out, i.goarch());
      }
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) string(out, s);
  }

  static Advisory decode(byte[] b) throws Corrupt {
    Reader in = new Reader(b);
    String id = in.string();
    List<String> aliases = in.strings();
    String summary = in.string();
    int n = in.count();
    List<Advisory.Severity> severity = new ArrayList<>(n);
    for (int i = 0; i < n; i++) severity.add(new Advisory.Severity(in.string(), in.string()));
    String databaseSeverity = in.string();
    String published = in.string();
    String modified = in.string();
    String withdrawn = in.string();
    n = in.count();
    List<Affected> affected = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String ecosystem = in.string();
      String name = in.string();
      String purl = in.string();
      int rn = in.count();
      List<Range> ranges = new ArrayList<>(rn);
      for (int r = 0; r < rn; r++) {
        Range.Type type = in.pick(Range.Type.values());
        int en = in.count();
        List<Range.Event> events = new ArrayList<>(en);
        for (int e = 0; e < en; e++) events.add(new Range.Event(in.pick(Range.Kind.values()), in.string()));
        ranges.add(new Range(type, events));
      }
      List<String> versions = in.strings();
      String note = in.string();
      String vendorSeverity = in.string();
      int importCount = in.count();
      List<Affected.Import> imports = new ArrayList<>(importCount);
      for (int k = 0; k < importCount; k++) imports.add(new Affected.Import(in.string(), in.strings(), in.strings(), in.strings()));
      affected.add(new Affected(ecosystem, name, purl, ranges, versions, note, vendorSeverity, imports));
    }
    if (in.at != b.length) throw new Corrupt("bytes after the advisory");
    if (id == null) throw new Corrupt("an advisory without an id");
    try {
      return new Advisory(id, aliases, summary, severity, databaseSeverity, published, modified, withdrawn, affected);
    } catch (NullPointerException e) {
      throw new Corrupt("a null list element"); // List.copyOf
    }
  }

  /** Bounds-checked reads from a blob. */
  private static final class Reader {
    final byte[] b;
    int at;

    Reader(byte[] b) {
      this.b = b;
    }

    int readInt() throws Corrupt {
      if (at + 4 > b.length) throw new Corrupt("the advisory ends early");
      int v = ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
      at += 4;
      return v;
    }

    /** A count: each element takes at least one byte, so a count over what is left is damage, not a big list. */
    int count() throws Corrupt {
      int n = readInt();
      if (n < 0 || n > b.length - at) throw new Corrupt("a bad count " + n);
      return n;
    }

    <E> E pick(E[] values) throws Corrupt {
      if (at >= b.length) throw new Corrupt("the advisory ends early");
      int i = b[at++];
      if (i < 0 || i >= values.length) throw new Corrupt("a bad enum " + i);
      return values[i];
    }

    String string() throws Corrupt {
      int n = readInt();
      if (n == -1) return null;
      if (n < 0 || n > b.length - at) throw new Corrupt("a bad string length " + n);
      String s = new String(b, at, n, StandardCharsets.UTF_8);
      at += n;
      return s;
    }

    List<String> strings() throws Corrupt {
      int n = count();
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String s = string();
        if (s == null) throw new Corrupt("a null string in a list");
        out.add(s);
      }
      return out;
    }
  }
}

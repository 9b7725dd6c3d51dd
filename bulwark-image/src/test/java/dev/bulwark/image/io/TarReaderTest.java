package dev.bulwark.image.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The layer reader's own tar reader against commons-compress (which the layer reader used before)
 * on the same archives: every header field the image reader uses and every entry's bytes must
 * agree, for ustar, PAX and GNU long names, base-256 numbers, links, directories, devices and
 * FIFOs; and the archives Go's reader refuses must be refused.
 */
class TarReaderTest {

  /** What the image reader takes from an entry. */
  private record Seen(String name, String link, String kind, int mode, long uid, long gid, long size, String data) {}

  private static byte[] archive(int longFileMode, int bigNumberMode, List<TarArchiveEntry> entries, List<byte[]> contents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      t.setLongFileMode(longFileMode);
      t.setBigNumberMode(bigNumberMode);
      t.setAddPaxHeadersForNonAsciiNames(longFileMode == TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < entries.size(); i++) {
        t.putArchiveEntry(entries.get(i));
        t.write(contents.get(i));
        t.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static List<TarArchiveEntry> entries(List<byte[]> contents) {
    List<TarArchiveEntry> out = new ArrayList<>();
    Random r = new Random(7);
    String[] names = {"etc/os-release", "usr/", "usr/bin/su", "d/".repeat(80) + "deep", "x".repeat(150), "caf\u00e9/\u6587\u4ef6", "a b/c=d",
        "prefix/" + "p".repeat(120) + "/" + "n".repeat(90)};
    for (String n : names) {
      TarArchiveEntry e = new TarArchiveEntry(n, n.endsWith("/") ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL, true);
      byte[] data = n.endsWith("/") ? new byte[0] : new byte[r.nextInt(3000)];
      r.nextBytes(data);
      e.setSize(data.length);
      e.setMode(n.contains("su") ? 04755 : 0644);
      out.add(e);
      contents.add(data);
    }
    TarArchiveEntry big = new TarArchiveEntry("big-ids", TarArchiveEntry.LF_NORMAL, true);
    big.setUserId(3_000_000L);
    big.setGroupId(8_589_934_592L); // past the octal field: base-256 or PAX
    big.setSize(3);
    out.add(big);
    contents.add("ids".getBytes(StandardCharsets.US_ASCII));
    TarArchiveEntry sym = new TarArchiveEntry("lib64", TarArchiveEntry.LF_SYMLINK, true);
    sym.setLinkName("/" + "l".repeat(130));
    out.add(sym);
    contents.add(new byte[0]);
    TarArchiveEntry hard = new TarArchiveEntry("usr/bin/su2", TarArchiveEntry.LF_LINK, true);
    hard.setLinkName("usr/bin/su");
    out.add(hard);
    contents.add(new byte[0]);
    for (byte type : new byte[] {TarArchiveEntry.LF_CHR, TarArchiveEntry.LF_BLK, TarArchiveEntry.LF_FIFO}) {
      TarArchiveEntry dev = new TarArchiveEntry("dev/n" + (char) type, type, true);
      dev.setMode(0666);
      out.add(dev);
      contents.add(new byte[0]);
    }
    return out;
  }

  private static List<Seen> ours(byte[] tar) throws IOException {
    List<Seen> out = new ArrayList<>();
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    for (TarReader.Header h; (h = r.next()) != null; ) {
      String kind = h.isSymlink() ? "symlink" : h.isHardLink() ? "hardlink" : h.isDirectory() ? "dir" : h.isCharDevice() ? "chr"
          : h.isBlockDevice() ? "blk" : h.isFifo() ? "fifo" : "file";
      out.add(new Seen(h.name(), h.linkName(), kind, h.mode() & 07777, h.uid(), h.gid(), h.size(), digest(r.readAllBytes())));
    }
    return out;
  }

  private static List<Seen> library(byte[] tar) throws IOException {
    List<Seen> out = new ArrayList<>();
    TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(tar));
    for (TarArchiveEntry e; (e = t.getNextEntry()) != null; ) {
      String kind = e.isSymbolicLink() ? "symlink" : e.isLink() ? "hardlink" : e.isDirectory() ? "dir" : e.isCharacterDevice() ? "chr"
          : e.isBlockDevice() ? "blk" : e.isFIFO() ? "fifo" : "file";
      out.add(new Seen(e.getName(), e.getLinkName(), kind, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), e.getSize(),
          digest(t.readAllBytes())));
    }
    return out;
  }

  @Test
  void readsWhatCommonsCompressReads_inEveryHeaderFormat() throws IOException {
    for (int[] modes : new int[][] {{TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.BIGNUMBER_POSIX},
        {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.BIGNUMBER_STAR}}) {
      List<byte[]> contents = new ArrayList<>();
      byte[] tar = archive(modes[0], modes[1], entries(contents), contents);
      List<Seen> ours = ours(tar);
      // commons-compress reads a base-256 gid back as 0 (its own STAR-mode writing): that one field is checked against what was written
      assertThat(ours.stream().map(TarReaderTest::withoutBigGid).toList()).hasSize(contents.size())
          .isEqualTo(library(tar).stream().map(TarReaderTest::withoutBigGid).toList());
      assertThat(ours).extracting(Seen::name).contains("d/".repeat(80) + "deep", "caf\u00e9/\u6587\u4ef6");
      assertThat(ours).filteredOn(s -> s.name().equals("big-ids")).extracting(Seen::gid).containsExactly(8_589_934_592L);
    }
  }

  @Test
  void ustarPrefix_andPaxRecordsOverTheHeader_areApplied() throws IOException {
    List<byte[]> contents = new ArrayList<>();
    TarArchiveEntry e = new TarArchiveEntry("name", TarArchiveEntry.LF_NORMAL, true);
    contents.add(new byte[] {1, 2, 3});
    e.setSize(3);
    byte[] tar = archive(TarArchiveOutputStream.LONGFILE_ERROR, TarArchiveOutputStream.BIGNUMBER_STAR, List.of(e), contents);
    byte[] prefix = ("prefix/" + "p".repeat(120)).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, tar, 345, prefix.length); // the ustar prefix field, as Go's writer splits a long name
    checksum(tar, 0);
    assertThat(ours(tar)).isEqualTo(library(tar)).extracting(Seen::name).containsExactly("prefix/" + "p".repeat(120) + "/name");
    e = new TarArchiveEntry("short", TarArchiveEntry.LF_NORMAL, true);
    e.addPaxHeader("path", "from/pax");
    e.addPaxHeader("uid", "4242");
    e.setSize(3);
    tar = archive(TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.BIGNUMBER_POSIX, List.of(e), contents);
    assertThat(ours(tar)).isEqualTo(library(tar)).extracting(Seen::name, Seen::uid).containsExactly(org.assertj.core.groups.Tuple.tuple("from/pax", 4242L));
  }

  @Test
  void headerOnlyTypes_haveNoData_whateverTheirSizeField() throws IOException {
    // Go reads the block after a symlink's header as the next header, whatever its size field says
    byte[] tar = archive(TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.BIGNUMBER_STAR,
        List.of(new TarArchiveEntry("l", TarArchiveEntry.LF_SYMLINK, true), new TarArchiveEntry("f", TarArchiveEntry.LF_NORMAL, true)),
        List.of(new byte[0], new byte[0]));
    writeOctal(tar, 124, 12, 512);
    checksum(tar, 0);
    assertThat(ours(tar)).extracting(Seen::name).containsExactly("l", "f");
  }

  @Test
  void corruptArchives_areRefused_neverReadShort() throws IOException {
    List<byte[]> contents = new ArrayList<>(List.of(new byte[5000]));
    TarArchiveEntry e = new TarArchiveEntry("a", TarArchiveEntry.LF_NORMAL, true);
    e.setSize(5000);
    byte[] tar = archive(TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.BIGNUMBER_STAR, List.of(e), contents); // no PAX block first
    assertThatThrownBy(() -> ours(Arrays.copyOf(tar, 2048))).hasMessageContaining("truncated");
    assertThatThrownBy(() -> ours(Arrays.copyOf(tar, 512 + 5000))).hasMessageContaining("padding after 'a'");
    assertThatThrownBy(() -> ours(Arrays.copyOf(tar, 300))).hasMessageContaining("ends inside a tar header");
    byte[] flipped = tar.clone();
    flipped[3] ^= 1; // a name byte: the checksum no longer matches
    assertThatThrownBy(() -> ours(flipped)).hasMessageContaining("wrong checksum");
    byte[] badOctal = tar.clone();
    badOctal[100] = '9';
    checksum(badOctal, 0);
    assertThatThrownBy(() -> ours(badOctal)).hasMessageContaining("not octal");
    byte[] badPax = archive(TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.BIGNUMBER_POSIX,
        List.of(paxEntry(Map.of("path", "x".repeat(200)))), List.of(new byte[0]));
    int record = indexOf(badPax, "path=x");
    badPax[record - 2] = '9'; // the record's length no longer reaches its newline
    assertThatThrownBy(() -> ours(badPax)).hasMessageContaining("malformed PAX record");
    // the end of the archive at a block boundary, without the end blocks, is accepted (as by Go)
    assertThat(ours(Arrays.copyOf(tar, 512 + 5120))).hasSize(1);
  }

  private static Seen withoutBigGid(Seen s) {
    return s.name().equals("big-ids") ? new Seen(s.name(), s.link(), s.kind(), s.mode(), s.uid(), -1, s.size(), s.data()) : s;
  }

  private static String digest(byte[] data) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    return data.length + ":" + Long.toHexString(crc.getValue());
  }

  private static TarArchiveEntry paxEntry(Map<String, String> pax) {
    TarArchiveEntry e = new TarArchiveEntry("p", TarArchiveEntry.LF_NORMAL, true);
    pax.forEach(e::addPaxHeader);
    return e;
  }

  private static int indexOf(byte[] b, String s) {
    return new String(b, StandardCharsets.ISO_8859_1).indexOf(s);
  }

  private static void writeOctal(byte[] header, int off, int len, long v) {
    byte[] s = String.format("%0" + (len - 1) + "o", v).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(s, 0, header, off, s.length);
  }

  private static void checksum(byte[] tar, int at) {
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : tar[at + i] & 0xff;
    }
    System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, tar, at + 148, 8);
  }
}

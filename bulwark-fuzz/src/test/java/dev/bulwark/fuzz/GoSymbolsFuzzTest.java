package dev.bulwark.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.image.pkg.GoSymbolTable;
import dev.bulwark.image.pkg.GoSymbols;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * The pclntab reader of Go reachability on hostile bytes: an ELF start with the Go build-id note (so the search runs),
 * then the input, streamed in chunks whose size the input's first byte picks. The seed holds a real-shaped Go 1.20
 * header and names, for the fuzzer to bend. Nothing may escape, and a table, when one is read, answers lookups.
 */
class GoSymbolsFuzzTest {
  private static final byte[] PREFIX = prefix();

  private static byte[] prefix() {
    ByteBuffer b = ByteBuffer.allocate(0x120).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F'});
    b.position(0x100);
    b.putInt(4).putInt(8).putInt(4).put(new byte[] {'G', 'o', 0, 0}).put("fuzzbid!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return b.array();
  }

  @FuzzTest
  void pclntab(byte[] input) {
    Bounds.check(() -> {
      if (input.length == 0) {
        return;
      }
      int chunk = 1 + (input[0] & 0xff) * 37;
      byte[] file = Arrays.copyOf(PREFIX, PREFIX.length + input.length - 1);
      System.arraycopy(input, 1, file, PREFIX.length, input.length - 1);
      GoSymbols.Scanner s = new GoSymbols.Scanner(100_000);
      for (int off = 0; off < file.length && s.accept(file, off, Math.min(chunk, file.length - off)); off += chunk) {
        // streamed as the layer reader streams a file
      }
      Optional<GoSymbolTable> t = s.finish();
      t.ifPresent(table -> table.contains("net/http", "(*Server).Serve"));
    });
  }
}

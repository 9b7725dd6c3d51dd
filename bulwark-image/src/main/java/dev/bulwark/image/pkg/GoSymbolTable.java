package dev.bulwark.image.pkg;

import java.util.Arrays;
import java.util.Optional;

/**
 * A Go binary's functions as the Go vulnerability database names them: a package's import path and a symbol,
 * {@code Server.ListenAndServe} for the method {@code net/http.(*Server).ListenAndServe}, {@code Parse} for
 * {@code Parse[...]}, and also {@code Func} for a closure {@code Func.func1} (the closure's code is its function's).
 * Kept as sorted 64-bit hashes: a binary's tens of thousands of names cost a few hundred KiB, and a collision can
 * only make a symbol look present, which reports the vulnerability (the safe side).
 */
public final class GoSymbolTable implements dev.bulwark.image.fs.FileFacts {
  private final long[] symbols;
  private final long[] packages;
  private final String goos;
  private final String goarch;

  private GoSymbolTable(long[] symbols, long[] packages, String goos, String goarch) {
    this.symbols = symbols;
    this.packages = packages;
    this.goos = goos;
    this.goarch = goarch;
  }

  /** This table, of a binary built for {@code goos}/{@code goarch} (its build settings; null: not said). */
  public GoSymbolTable withPlatform(String goos, String goarch) {
    return new GoSymbolTable(symbols, packages, goos, goarch);
  }

  /** The GOOS the binary was built for, or null when its build settings do not say. */
  public String goos() {
    return goos;
  }

  /** The GOARCH, or null. */
  public String goarch() {
    return goarch;
  }

  /** A table of these function names as the pclntab spells them (for tests and other readers). */
  public static GoSymbolTable of(Iterable<String> functionNames) {
    Builder b = new Builder(Integer.MAX_VALUE);
    for (String n : functionNames) {
      b.add(n);
    }
    return b.build().orElseThrow();
  }

  /** Whether any function of the package with this import path is in the binary. */
  public boolean containsPackage(String importPath) {
    return Arrays.binarySearch(packages, hash(importPath)) >= 0;
  }

  /** Whether the binary has {@code symbol} ({@code Func}, {@code Type.Method}, {@code (*Type).Method}) of the package. */
  public boolean contains(String importPath, String symbol) {
    return Arrays.binarySearch(symbols, hash(importPath, normalizeSymbol(symbol))) >= 0;
  }

  /** How many names the table holds (symbols and their prefixes). */
  public int size() {
    return symbols.length;
  }

  @Override
  public int cost() {
    return symbols.length + packages.length;
  }

  /** {@code (*T).M} → {@code T.M}; generic brackets dropped. */
  static String normalizeSymbol(String s) {
    String out = stripBrackets(s);
    if (out.indexOf('(') >= 0) {
      out = out.replace("(*", "").replace("(", "").replace(")", "");
    }
    return out;
  }

  /** Without every bracketed part ({@code [...]} of generic instantiations, whose contents may hold dots and slashes). */
  static String stripBrackets(String s) {
    if (s.indexOf('[') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Go escapes some bytes of an import path's last element in symbol names ({@code yaml%2ev3}). */
  static String unescapePath(String p) {
    if (p.indexOf('%') < 0) {
      return p;
    }
    StringBuilder b = new StringBuilder(p.length());
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '%' && i + 2 < p.length() && hex(p.charAt(i + 1)) >= 0 && hex(p.charAt(i + 2)) >= 0) {
        b.append((char) (hex(p.charAt(i + 1)) * 16 + hex(p.charAt(i + 2))));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  static long hash(String importPath) {
    return fnv(fnv(OFFSET_BASIS, importPath), "\u0000pkg");
  }

  static long hash(String importPath, String symbol) {
    return fnv(fnv(fnv(OFFSET_BASIS, importPath), "\u0000"), symbol);
  }

  /** FNV-1a, 64 bits, over UTF-16 units. */
  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return h;
  }

  /** Collects names; past {@code maxEntries} it gives up (a table that misses names must not judge). */
  static final class Builder {
    private final Hashes symbols;
    private final Hashes packages;
    private boolean overflow;

    Builder(int maxEntries) {
      this.symbols = new Hashes(maxEntries);
      this.packages = new Hashes(maxEntries);
    }

    /**
     * Adds one pclntab function name: the import path is what precedes the first dot after the last slash (brackets
     * removed first), the rest its symbol, each dot-separated prefix of it counted too.
     */
    void add(String raw) {
      if (overflow) {
        return;
      }
      String s = stripBrackets(raw);
      if (s.endsWith("-fm")) {
        s = s.substring(0, s.length() - 3); // a method value's wrapper is its method
      }
      int slash = s.lastIndexOf('/');
      int dot = s.indexOf('.', slash + 1);
      if (dot <= 0 || dot == s.length() - 1) {
        return;
      }
      String pkg = unescapePath(s.substring(0, dot));
      String symbol = normalizeSymbol(s.substring(dot + 1));
      long path = fnv(OFFSET_BASIS, pkg);
      addPackage(fnv(path, "\u0000pkg"));
      // every dot-separated prefix: FNV runs left to right, so each prefix's hash is the running hash at its dot
      long h = fnv(path, "\u0000");
      for (int i = 0; i < symbol.length(); i++) {
        char c = symbol.charAt(i);
        if (c == '.' && i > 0) {
          addSymbol(h);
        }
        h = (h ^ c) * PRIME;
      }
      addSymbol(h);
    }

    private void addSymbol(long h) {
      overflow |= !symbols.add(h);
    }

    private void addPackage(long h) {
      // a package's functions come together: most repeats are the last one
      if (!packages.endsWith(h)) {
        overflow |= !packages.add(h);
      }
    }

    /** The table, or empty when it overflowed. */
    Optional<GoSymbolTable> build() {
      if (overflow) {
        return Optional.empty();
      }
      return Optional.of(new GoSymbolTable(symbols.sortedDistinct(), packages.sortedDistinct(), null, null));
    }

    /** A growable list of hashes, at most {@code max} long. */
    private static final class Hashes {
      private final int max;
      private long[] values = new long[256];
      private int size;

      Hashes(int max) {
        this.max = max;
      }

      /** False when full. */
      boolean add(long h) {
        if (size == max) {
          return false;
        }
        if (size == values.length) {
          values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = h;
        return true;
      }

      boolean endsWith(long h) {
        return size > 0 && values[size - 1] == h;
      }

      long[] sortedDistinct() {
        long[] s = Arrays.copyOf(values, size);
        Arrays.sort(s);
        int k = 0;
        for (int i = 0; i < s.length; i++) {
          if (k == 0 || s[i] != s[k - 1]) {
            s[k++] = s[i];
          }
        }
        return Arrays.copyOf(s, k);
      }
    }
  }
}

package dev.bulwark.image.analyzer;

import dev.bulwark.image.fs.ByteWatcher;
import dev.bulwark.image.fs.FileEntry;
import dev.bulwark.image.pkg.RustAuditInfo;
import dev.bulwark.sbom.Ecosystem;
import dev.bulwark.sbom.Location;
import dev.bulwark.sbom.Package;
import java.util.List;
import java.util.Map;

/** Rust executables built with cargo-auditable: the runtime crates of their {@code .dep-v0} audit data. */
final class RustBinaryAnalyzer implements StreamAnalyzer {

  @Override
  public AnalyzerId id() {
    return new AnalyzerId("rust-binary", Ecosystem.CARGO, 1);
  }

  @Override
  public boolean wants(FileEntry file) {
    return Executables.wanted(file);
  }

  @Override
  public ByteWatcher watch(FileEntry file) {
    RustAuditInfo.Scanner scanner = new RustAuditInfo.Scanner();
    Executables.ElfCheck elf = new Executables.ElfCheck();
    return new ByteWatcher() {
      @Override
      public boolean accept(byte[] b, int off, int len) {
        return elf.accept(b, off, len) && scanner.accept(b, off, len);
      }

      @Override
      public List<Package> finish() {
        return scanner.crates().orElse(List.of()).stream()
            .map(c -> new Package(Ecosystem.CARGO, c.name(), c.version(), null, c.name(), c.version(), null,
                Purls.of(Ecosystem.CARGO, null, c.name(), c.version(), Map.of()), new Location(file.layer(), file.path())))
            .toList();
      }
    };
  }
}

package dev.bulwark.harden;

/** What the app is written in, which decides its runtime. */
enum Language {
  GO("Go"), RUST("Rust"), C("C/C++"), PYTHON("Python"), NODE("Node.js"), JAVA("Java"), DOTNET(".NET");

  final String display;

  Language(String display) {
    this.display = display;
  }

  /** Compiled to a native binary: the runtime needs no interpreter. */
  boolean isNative() {
    return this == GO || this == RUST || this == C;
  }
}

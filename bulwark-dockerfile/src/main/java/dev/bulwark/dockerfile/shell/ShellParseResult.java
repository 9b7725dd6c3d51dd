package dev.bulwark.dockerfile.shell;

/**
 * A parsed script, and the syntax error that stopped the parser if any; the script then holds
 * the commands read before the error.
 */
public record ShellParseResult(Script script, ShellSyntaxException error) {

  public boolean ok() {
    return error == null;
  }
}

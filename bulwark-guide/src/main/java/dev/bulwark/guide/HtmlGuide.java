package dev.bulwark.guide;

/** The guide as one self-contained HTML page. (Work in progress: being written.) */
public final class HtmlGuide {
  private HtmlGuide() {}

  public static String render(Guide g) {
    throw new UnsupportedOperationException("--format html is not written yet");
  }
}

package dev.bulwark.image.source;

/** An image that cannot be read as given: a clear, one-line reason. */
public class ImageException extends Exception {
  public ImageException(String message) {
    super(message, null, false, false);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}

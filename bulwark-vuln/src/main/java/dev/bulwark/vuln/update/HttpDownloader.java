package dev.bulwark.vuln.update;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Downloader} over {@link HttpClient}: redirects followed (never from https to http), the proxy the caller
 * gives (the environment's, {@link EnvProxy}), a connect timeout, and an idle timeout on the whole exchange: a server
 * that stops sending for that long, before or during the body, fails the download (HttpClient's own request timeout
 * ends at the headers). The body streams to the file, counted against the size bound as it arrives.
 */
public final class HttpDownloader implements Downloader {
  private static final Duration POLL = Duration.ofMillis(200);
  private final HttpClient client;
  private final Duration idle;
  private final String userAgent;

  public HttpDownloader(Duration connectTimeout, Duration idleTimeout, ProxySelector proxy, String userAgent) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).proxy(proxy).build();
    this.idle = idleTimeout;
    this.userAgent = userAgent;
  }

  @Override
  public long fetch(URI uri, Path target, long maxBytes, Progress progress) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(idle).header("User-Agent", userAgent).GET().build();
    AtomicLong received = new AtomicLong();
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      FileSink[] sink = new FileSink[1];
      CompletableFuture<HttpResponse<Long>> response = client.sendAsync(request, info -> {
        long length = info.headers().firstValueAsLong("content-length").orElse(-1);
        sink[0] = new FileSink(uri, info.statusCode(), length, maxBytes, out, received, progress);
        return sink[0];
      });
      long last = 0;
      long lastChange = System.nanoTime();
      while (true) {
        try {
          HttpResponse<Long> r = response.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
          if (r.statusCode() != 200) throw new HttpStatusException(uri, r.statusCode());
          long n = r.body();
          long announced = sink[0].length;
          if (announced >= 0 && n != announced) throw new IOException(uri + ": the download ended after " + n + " of " + announced + " bytes");
          out.force(true);
          return n;
        } catch (TimeoutException e) {
          long now = received.get();
          if (now != last) {
            last = now;
            lastChange = System.nanoTime();
          } else if (System.nanoTime() - lastChange > idle.toNanos()) {
            response.cancel(true);
            throw new IOException(uri + ": no data for " + idle.toSeconds() + " s" + (now > 0 ? " after " + now + " bytes" : "") + "; gave up");
          }
        } catch (InterruptedException e) {
          response.cancel(true);
          throw e;
        } catch (ExecutionException e) {
          throw inWords(uri, e.getCause());
        }
      }
    }
  }

  private static IOException inWords(URI uri, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpStatusException || t instanceof TooLargeException) return (IOException) t;
      if (t instanceof HttpConnectTimeoutException) return new IOException(uri + ": could not connect in time", cause);
      if (t instanceof HttpTimeoutException) return new IOException(uri + ": no response in time", cause);
      if (t instanceof java.net.ConnectException) {
        return new IOException(uri + ": could not connect" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")"), cause);
      }
    }
    Throwable t = innermost(cause);
    return new IOException(uri + ": " + (t instanceof IOException ? "" : "the download failed: ") + message(t), cause);
  }

  /** The JDK wraps (UncheckedIOException in IOException, each naming the other): the one that says something. */
  private static Throwable innermost(Throwable t) {
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) t = t.getCause();
    return t;
  }

  private static String message(Throwable t) {
    return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT)
        : t.getMessage().replace('\n', ' ');
  }

  /**
   * The body written to the file as it arrives. A status other than 200 or an announced length over the bound cancels
   * at once (an error page is not read, however long); the bound is also checked on the bytes actually received.
   */
  private static final class FileSink implements HttpResponse.BodySubscriber<Long> {
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final URI uri;
    private final int status;
    final long length;
    private final long max;
    private final FileChannel out;
    private final AtomicLong received;
    private final Progress progress;
    private Flow.Subscription subscription;

    FileSink(URI uri, int status, long length, long max, FileChannel out, AtomicLong received, Progress progress) {
      this.uri = uri;
      this.status = status;
      this.length = length;
      this.max = max;
      this.out = out;
      this.received = received;
      this.progress = progress;
    }

    @Override
    public CompletionStage<Long> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (status != 200) {
        s.cancel();
        result.complete(-1L);
      } else if (length > max) {
        s.cancel();
        result.completeExceptionally(tooLarge(length));
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) return;
      try {
        for (ByteBuffer b : buffers) {
          long n = received.addAndGet(b.remaining());
          if (n > max) {
            subscription.cancel();
            result.completeExceptionally(tooLarge(n));
            return;
          }
          while (b.hasRemaining()) out.write(b);
        }
        progress.bytes(received.get(), length);
        subscription.request(1);
      } catch (IOException | RuntimeException e) {
        subscription.cancel();
        result.completeExceptionally(e);
      }
    }

    private TooLargeException tooLarge(long n) {
      return new TooLargeException(uri + ": " + (length > max ? "announces " : "sent more than ") + Math.min(n, max) / (1 << 20)
          + " MiB, over the " + (max >> 20) + " MiB bound for this feed");
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(received.get());
    }
  }
}

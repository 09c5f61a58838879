package io.logtojee.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit; beyond it the download is cancelled. Callers pick a limit far
 * above what their server answers (DirectMail's answers are a few hundred bytes; Logto's email
 * templates a few kilobytes each), so anything larger is not that server and must not fill the
 * heap.
 *
 * @param bytes at most the limit
 * @param truncated whether the body was longer than the limit
 */
public record CappedBody(byte[] bytes, boolean truncated) {
  public static HttpResponse.BodyHandler<CappedBody> handler(int maxBytes) {
    return responseInfo -> new Subscriber(maxBytes);
  }

  private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {
    private final int maxBytes;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Subscriber(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<CappedBody> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        int room = maxBytes - received.size();
        int take = Math.min(room, buffer.remaining());
        byte[] chunk = new byte[take];
        buffer.get(chunk);
        received.write(chunk, 0, take);
        if (buffer.hasRemaining()) {
          subscription.cancel();
          result.complete(new CappedBody(received.toByteArray(), true));
          return;
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(new CappedBody(received.toByteArray(), false));
    }
  }
}

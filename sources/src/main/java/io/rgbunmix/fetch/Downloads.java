package io.rgbunmix.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * One HTTP exchange bounded as a whole: the caller waits at most the timeout for the headers and the
 * last byte together, and the body is written to a sink as it arrives, refused past a byte limit.
 * {@link HttpRequest#timeout} alone bounds only the wait for the headers: a server that then drips
 * one byte a second, or stalls, would hold the request for ever.
 */
final class Downloads {
    private Downloads() {
    }

    /**
     * Sends {@code request} and waits for its whole response, or fails with {@code late} when
     * {@code timeout} passes first; the exchange is then cancelled, which closes its connection.
     */
    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> body,
            Duration timeout, String late) throws IOException {
        CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, body);
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException(late);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage() == null ? "the connection failed" : cause.getMessage(), cause);
        }
    }

    /**
     * A body written to {@code sink} as it arrives; more than {@code limit} bytes fail with the
     * message {@code tooLarge} gives for the bytes received. The sink is not closed.
     */
    static HttpResponse.BodySubscriber<Long> into(OutputStream sink, long limit, LongFunction<String> tooLarge) {
        return new Capped(sink, limit, tooLarge);
    }

    /** A body that is not wanted: the exchange stops at once, without reading it. */
    static <T> HttpResponse.BodySubscriber<T> ignored(T value) {
        return new HttpResponse.BodySubscriber<>() {
            private final CompletableFuture<T> done = new CompletableFuture<>();

            @Override
            public CompletionStage<T> getBody() {
                return done;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
                done.complete(value);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
                done.complete(value);
            }

            @Override
            public void onComplete() {
                done.complete(value);
            }
        };
    }

    private static final class Capped implements HttpResponse.BodySubscriber<Long> {
        private final OutputStream sink;
        private final long limit;
        private final LongFunction<String> tooLarge;
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long received;

        Capped(OutputStream sink, long limit, LongFunction<String> tooLarge) {
            this.sink = sink;
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            try {
                for (ByteBuffer buffer : buffers) {
                    received += buffer.remaining();
                    if (received > limit) {
                        done.completeExceptionally(new IOException(tooLarge.apply(received)));
                        subscription.cancel();
                        return;
                    }
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    sink.write(bytes);
                }
                subscription.request(1);
            } catch (IOException e) {
                done.completeExceptionally(e);
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(received);
        }
    }
}

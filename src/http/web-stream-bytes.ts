/**
 * A web `ReadableStream` as an async iterable, for runtimes (older browsers) whose streams are
 * not async-iterable. Ending the loop early cancels the stream.
 */
export async function* webStreamBytes<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

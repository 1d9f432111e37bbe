import { KineticError } from './kinetic-error.js';

/**
 * An Observable source pushed more records than a bulk sink's buffer holds (`bufferSize`) while
 * no job could take them (every slot busy, or the sink paused by the org's API limit). With the
 * default `overflow: 'error'` the sink stops with this error: its teardown aborts the open jobs
 * (or drains them), and the records still buffered are not sent. Use an `AsyncIterable` source
 * for true backpressure, a larger buffer, or `overflow: 'drop'`.
 */
export class SinkOverflowError extends KineticError {
  override readonly name: string = 'SinkOverflowError';
  /** The buffer's size in records (`bufferSize`). */
  readonly bufferSize: number;

  constructor(bufferSize: number) {
    super(
      `The bulk sink's buffer is full (${bufferSize} records) and no job can take more: the source pushes faster than jobs finish`,
    );
    this.bufferSize = bufferSize;
  }
}

// Text and bytes written through one reused buffer, about 1 MB at a time: a new Buffer
// per 64 KB chunk cost more than encoding it (docs/performance.md). Used by the
// outputs (src/output.ts) and the spool (src/check/spool.ts); each gives the function
// that writes a full batch where it goes.

export const BATCH_BYTES = 1 << 20;

export class BatchedWriter {
  private used = 0;
  /** bytes handed to `sink` so far */
  private flushed = 0;

  /** `sink(bytes, at)` writes all of `bytes`, the `at`-th byte of the whole output first. */
  constructor(
    private readonly sink: (bytes: Uint8Array, at: number) => void,
    private readonly buffer: Buffer = Buffer.allocUnsafe(BATCH_BYTES),
  ) {}

  /** Bytes written so far, the batch not yet flushed included: where the next write starts. */
  get offset(): number {
    return this.flushed + this.used;
  }

  write(chunk: string | Uint8Array): void {
    // at most 3 bytes of UTF-8 per UTF-16 unit
    const most = typeof chunk === 'string' ? chunk.length * 3 : chunk.length;
    if (this.used + most > this.buffer.length) this.flush();
    if (most > this.buffer.length) this.emit(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    else if (typeof chunk === 'string') this.used += this.buffer.write(chunk, this.used, 'utf8');
    else {
      this.buffer.set(chunk, this.used);
      this.used += chunk.length;
    }
  }

  flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.emit(this.buffer.subarray(0, used));
  }

  private emit(bytes: Uint8Array): void {
    this.sink(bytes, this.flushed);
    this.flushed += bytes.length;
  }
}

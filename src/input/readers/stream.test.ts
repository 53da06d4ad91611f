import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunksSnapshot } from './bytes.js';
import { loadStream, TOO_LARGE } from './stream.js';

function source(chunks: Buffer[]): Readable {
  return Readable.from(chunks, { objectMode: false });
}

describe('a stream read whole (standard input, pipes)', () => {
  it('gives back every byte, in order, however the reads are cut', async () => {
    const parts = [Buffer.from('la_code,x\n'), Buffer.from('E1,'), Buffer.from('£5\n')];
    const { loaded } = loadStream(source(parts), 1000);
    const result = await loaded;
    expect(result.failure).toBeNull();
    const whole = Buffer.concat(parts);
    for (const size of [1, 2, 3, 7, 64]) {
      const buf = Buffer.alloc(size);
      const got: Buffer[] = [];
      for (let pos = 0, n; (n = result.bytes!.readAt(buf, pos)) > 0; pos += n) got.push(Buffer.from(buf.subarray(0, n)));
      expect(Buffer.concat(got)).toEqual(whole);
    }
  });

  it('refuses a stream over its limit without reading it to the end', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(100, 0x61));
      },
    });
    const result = await loadStream(endless, 1000).loaded;
    expect(result.failure).toEqual(TOO_LARGE);
    expect(TOO_LARGE.message).toMatch(/larger than 1 GB, the most read from standard input or a pipe; name the file itself instead/);
    expect(pulled).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });

  it('refuses NUL bytes on the first chunk that holds one', async () => {
    const result = await loadStream(source([Buffer.from('a,b\n'), Buffer.alloc(10)]), 1000).loaded;
    expect(result.failure?.kind).toBe('nul_byte');
  });

  it('cancel() stops a read that is waiting and destroys the stream', async () => {
    const silent = new Readable({ read() {} });
    const { loaded, cancel } = loadStream(silent);
    setTimeout(cancel, 10);
    expect((await loaded).failure?.kind).toBe('cannot_open');
    expect(silent.destroyed).toBe(true);
  });

  it('a snapshot over chunks can be read again from the start (the second pass)', () => {
    const snap = chunksSnapshot([Buffer.from('ab'), Buffer.from('cde')], 5);
    const buf = Buffer.alloc(4);
    expect(buf.subarray(0, snap.readAt(buf, 1)).toString()).toBe('bcde');
    expect(buf.subarray(0, snap.readAt(buf, 0)).toString()).toBe('abcd');
    expect(snap.readAt(buf, 5)).toBe(0);
  });
});

import { MetawsmError } from '@metawsm/core';

/** One pkt-line (gitprotocol-common): data, or one of the special packets. */
export type Pkt = { kind: 'data'; data: Buffer } | { kind: 'flush' } | { kind: 'delim' } | { kind: 'end' };

/** Encode one data pkt-line. */
export function pktLine(data: string | Uint8Array): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0'), 'latin1'), body]);
}

/** The flush packet `0000`. */
export const FLUSH = Buffer.from('0000', 'latin1');

function protocolError(message: string): MetawsmError {
  return new MetawsmError('REMOTE_FAILED', `the remote sent a malformed response: ${message}`, {
    hint: 'Check that the URL points at a git smart-HTTP server.',
  });
}

/** Reads pkt-lines from a buffer; `rest()` returns whatever follows (e.g. a raw pack). */
export class PktReader {
  readonly #buf: Buffer;
  #pos = 0;

  constructor(buf: Buffer) {
    this.#buf = buf;
  }

  get done(): boolean {
    return this.#pos >= this.#buf.length;
  }

  /** True when the next bytes are a raw `PACK` stream rather than a pkt-line. */
  atRawPack(): boolean {
    return this.#buf.toString('latin1', this.#pos, this.#pos + 4) === 'PACK';
  }

  next(): Pkt | null {
    if (this.done) return null;
    const lenText = this.#buf.toString('latin1', this.#pos, this.#pos + 4);
    if (!/^[0-9a-f]{4}$/i.test(lenText)) throw protocolError(`bad pkt-line length "${lenText}"`);
    const len = Number.parseInt(lenText, 16);
    this.#pos += 4;
    if (len === 0) return { kind: 'flush' };
    if (len === 1) return { kind: 'delim' };
    if (len === 2) return { kind: 'end' };
    if (len < 4 || this.#pos + len - 4 > this.#buf.length) throw protocolError('truncated pkt-line');
    const data = this.#buf.subarray(this.#pos, this.#pos + len - 4);
    this.#pos += len - 4;
    return { kind: 'data', data };
  }

  rest(): Buffer {
    return this.#buf.subarray(this.#pos);
  }
}

/** Text of a data pkt without its trailing LF. */
export function pktText(data: Buffer): string {
  const text = data.toString('utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Demultiplex side-band packets until a flush (or the end): band 1 is data, band 2 progress
 * (ignored), band 3 a fatal error reported through `onError`.
 */
export function demuxSideBand(reader: PktReader, onError: (message: string) => never): Buffer {
  const parts: Buffer[] = [];
  for (let pkt = reader.next(); pkt !== null && pkt.kind === 'data'; pkt = reader.next()) {
    const band = pkt.data[0];
    if (band === 1) parts.push(pkt.data.subarray(1));
    else if (band === 3) onError(pktText(pkt.data.subarray(1)));
    else if (band !== 2) throw protocolError(`unknown side-band channel ${band}`);
  }
  return Buffer.concat(parts);
}

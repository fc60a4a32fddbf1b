import { MetawsmError, type Oid } from '@metawsm/core';
import { agentCapability, type Advertisement } from './advertisement.js';
import { demuxSideBand, FLUSH, PktReader, pktLine, pktText } from './pkt-line.js';

/** Capabilities we ask upload-pack for, among those it advertised (no thin packs: we store packs as received). */
function fetchCapabilities(adv: Advertisement): string[] {
  const caps: string[] = [];
  if (adv.capabilities.has('side-band-64k')) caps.push('side-band-64k');
  else if (adv.capabilities.has('side-band')) caps.push('side-band');
  if (adv.capabilities.has('ofs-delta')) caps.push('ofs-delta');
  if (adv.capabilities.has('no-progress')) caps.push('no-progress');
  return [...caps, ...agentCapability(adv)];
}

/**
 * A one-round (stateless, `done` included) upload-pack request: every want, the boundary commits
 * of a shallow clone (so the server does not count their missing ancestors as ours), then every
 * have. The server sends everything reachable from the wants that is not reachable from a have.
 */
export function uploadPackRequest(
  adv: Advertisement,
  wants: readonly Oid[],
  haves: readonly Oid[],
  shallow: readonly Oid[] = [],
): Buffer {
  const caps = fetchCapabilities(adv);
  const parts: Buffer[] = [];
  wants.forEach((w, i) => parts.push(pktLine(i === 0 ? `want ${w} ${caps.join(' ')}\n` : `want ${w}\n`)));
  if (shallow.length > 0 && !adv.capabilities.has('shallow')) {
    throw new MetawsmError('REMOTE_FAILED', 'the remote cannot serve a shallow clone', {
      hint: 'Fetch the full history once (`git fetch --unshallow`), or use METAWSM_GIT_ENGINE=native.',
    });
  }
  for (const s of shallow) parts.push(pktLine(`shallow ${s}\n`));
  parts.push(FLUSH);
  for (const h of haves) parts.push(pktLine(`have ${h}\n`));
  parts.push(pktLine('done\n'));
  return Buffer.concat(parts);
}

function remoteError(message: string): never {
  throw new MetawsmError('REMOTE_FAILED', `the remote failed to send objects: ${message}`, {
    hint: 'Retry; if it persists, check the remote repository.',
  });
}

/** Extract the pack from an upload-pack response (after the ACK/NAK lines; side-band demuxed). */
export function packFromUploadPackResponse(body: Buffer, adv: Advertisement): Buffer {
  const sideBand = adv.capabilities.has('side-band-64k') || adv.capabilities.has('side-band');
  const reader = new PktReader(body);
  for (;;) {
    if (!sideBand && reader.atRawPack()) return reader.rest();
    const pkt = reader.next();
    if (pkt === null) return remoteError('the response ended before the pack');
    if (pkt.kind !== 'data') continue;
    const text = pkt.data.toString('latin1', 0, 4);
    if (text.startsWith('NAK') || text === 'ACK ' || text.startsWith('shal') || text.startsWith('unsh'))
      continue;
    if (text === 'ERR ') return remoteError(pktText(pkt.data.subarray(4)));
    if (!sideBand) return remoteError('unexpected data before the pack');
    const first = pkt.data[0] === 1 ? pkt.data.subarray(1) : Buffer.alloc(0);
    if (pkt.data[0] === 3) return remoteError(pktText(pkt.data.subarray(1)));
    return Buffer.concat([first, demuxSideBand(reader, remoteError)]);
  }
}

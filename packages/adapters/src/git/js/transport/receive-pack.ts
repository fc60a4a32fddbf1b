import { MetawsmError, type Oid } from '@metawsm/core';
import { agentCapability, type Advertisement } from './advertisement.js';
import { demuxSideBand, FLUSH, PktReader, pktLine, pktText } from './pkt-line.js';

const ZERO_OID = '0'.repeat(40);

/** One ref update for receive-pack: `old` null creates the ref. */
export interface RefCommand {
  old: Oid | null;
  new: Oid;
  ref: string;
}

/** True when receive-pack will multiplex its report over side-band. */
export function usesSideBand(adv: Advertisement): boolean {
  return adv.capabilities.has('side-band-64k');
}

/** The request body: the command with our capabilities, a flush, then the pack. */
export function receivePackRequest(adv: Advertisement, cmd: RefCommand, pack: Buffer): Buffer {
  const caps: string[] = [];
  if (adv.capabilities.has('report-status')) caps.push('report-status');
  if (usesSideBand(adv)) caps.push('side-band-64k');
  caps.push(...agentCapability(adv));
  const line = `${cmd.old ?? ZERO_OID} ${cmd.new} ${cmd.ref}\0${caps.join(' ')}`;
  return Buffer.concat([pktLine(line), FLUSH, pack]);
}

/** What receive-pack reported for one ref. */
export type RefReport = { ok: true } | { ok: false; reason: string };

/** The parsed report-status: the unpack result and one entry per ref. */
export interface PushReport {
  unpack: string;
  refs: Map<string, RefReport>;
}

/** Parse a receive-pack response carrying report-status (side-band demuxed when in use). */
export function parsePushReport(body: Buffer, adv: Advertisement): PushReport {
  const fail = (message: string): never => {
    throw new MetawsmError('REMOTE_FAILED', `the remote rejected the push: ${message}`, {
      hint: 'Check the remote repository (hooks, permissions, disk space) and retry.',
    });
  };
  const reader = usesSideBand(adv)
    ? new PktReader(demuxSideBand(new PktReader(body), fail))
    : new PktReader(body);
  const report: PushReport = { unpack: '', refs: new Map() };
  for (let pkt = reader.next(); pkt !== null && pkt.kind === 'data'; pkt = reader.next()) {
    const line = pktText(pkt.data);
    if (line.startsWith('unpack ')) report.unpack = line.slice(7);
    else if (line.startsWith('ok ')) report.refs.set(line.slice(3), { ok: true });
    else if (line.startsWith('ng ')) {
      const rest = line.slice(3);
      const sp = rest.indexOf(' ');
      report.refs.set(sp < 0 ? rest : rest.slice(0, sp), {
        ok: false,
        reason: sp < 0 ? '' : rest.slice(sp + 1),
      });
    }
  }
  return report;
}

/**
 * Rejection reasons that say the ref moved under us or the update is not allowed as a
 * fast-forward. (git 2.39's receive-pack says only "failed to update ref" when the old value
 * no longer matches, so callers also compare the ref's new value with the lease.)
 */
export function isLeaseFailure(reason: string): boolean {
  return /stale info|failed to lock|cannot lock ref|non-fast-forward|fetch first/i.test(reason);
}

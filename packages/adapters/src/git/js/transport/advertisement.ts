import { MetawsmError, type Oid } from '@metawsm/core';
import { PktReader, pktText } from './pkt-line.js';

/** A smart-HTTP ref advertisement (protocol v0/v1). */
export interface Advertisement {
  /** Full ref name → oid (peeled `^{}` entries omitted). */
  refs: Map<string, Oid>;
  /** Capabilities as advertised, e.g. `side-band-64k`, `agent=git/2.39.5`. */
  capabilities: Set<string>;
}

/** The git services spoken over smart HTTP. */
export type Service = 'git-upload-pack' | 'git-receive-pack';

function malformed(detail: string): MetawsmError {
  return new MetawsmError('REMOTE_FAILED', `the remote sent a malformed ref advertisement (${detail})`, {
    hint: 'Check that the URL points at a git smart-HTTP server.',
  });
}

/** Parse the body of `GET info/refs?service=<service>`. */
export function parseAdvertisement(body: Buffer, service: Service): Advertisement {
  const reader = new PktReader(body);
  const first = reader.next();
  if (first?.kind !== 'data' || pktText(first.data) !== `# service=${service}`)
    throw malformed('no service line');
  const refs = new Map<string, Oid>();
  const capabilities = new Set<string>();
  let pkt = reader.next();
  if (pkt?.kind === 'flush') pkt = reader.next();
  for (let isFirst = true; pkt?.kind === 'data'; pkt = reader.next(), isFirst = false) {
    let line = pktText(pkt.data);
    if (line === 'version 1') continue;
    const nul = line.indexOf('\0');
    if (nul >= 0) {
      if (isFirst)
        for (const c of line
          .slice(nul + 1)
          .trim()
          .split(' '))
          if (c) capabilities.add(c);
      line = line.slice(0, nul);
    }
    const m = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (!m) throw malformed('bad ref line');
    if (m[2]!.endsWith('^{}') || m[2] === 'capabilities^{}') continue;
    refs.set(m[2]!, m[1]!);
  }
  return { refs, capabilities };
}

/** The `agent=` capability to send, only when the server advertised one (gitprotocol-capabilities). */
export function agentCapability(adv: Advertisement): string[] {
  return [...adv.capabilities].some((c) => c.startsWith('agent=')) ? ['agent=metawsm'] : [];
}

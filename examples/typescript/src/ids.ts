import { randomBytes } from 'node:crypto';

// Crockford's base32 in lower case: ASCII order, so ids of one job sort as their starts do.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** The default cycle id of docs/client.md: recon-<job>-<yyyyMMddTHHmmss.SSSZ>-<8 base32>. */
export function cycleId(job: string, now: Date = new Date()): string {
  const iso = now.toISOString(); // 2026-11-27T06:42:00.117Z
  const stamp = iso.replace(/[-:]/g, ''); // 20261127T064200.117Z
  let bits = BigInt('0x' + randomBytes(5).toString('hex'));
  let suffix = '';
  for (let i = 0; i < 8; i++) {
    suffix = ALPHABET[Number(bits & 31n)] + suffix;
    bits >>= 5n;
  }
  return `recon-${job}-${stamp}-${suffix}`;
}

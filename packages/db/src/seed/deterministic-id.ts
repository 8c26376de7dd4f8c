import { createHash } from 'node:crypto';

/** A UUID (version 8, "custom") derived from a name: the same seed gives the same ids on every run. */
export function deterministicId(name: string): string {
  const h = createHash('sha256').update(`gongfu:${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

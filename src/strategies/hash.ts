/**
 * 53-bit string hash (cyrb53 by bryc, public domain) over UTF-16 code units.
 *
 * Deterministic across platforms and runs (32-bit integer arithmetic via `Math.imul` only), so
 * it is safe for persisted or replayed decisions. Not cryptographic.
 *
 * @returns an integer in `[0, 2^53)`.
 * @example hashString("a") // 7929297801672961
 */
export function hashString(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

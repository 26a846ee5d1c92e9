/**
 * Mixes integers into a well-spread unsigned 32-bit value (the murmur3
 * finaliser applied per input). Same inputs, same output, on every run.
 */
export function hash32(a: number, b: number, c = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ b, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h ^ Math.imul(c, 0x27d4eb2f), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Returns a number in [0, 1) from {@link hash32}. */
export function unitHash(a: number, b: number, c = 0): number {
  return hash32(a, b, c) / 4294967296;
}

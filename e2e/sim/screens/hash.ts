/**
 * The compressed address-bar hash, produced the way Manage produces it: GWT-style JSON, LZMA-JS
 * mode 3 ("alone" format), base64 with `$` for `+` and `_` for `/`, then `??<ScreenName>`.
 * Decoding the two public blobs (connectwise-screens.md §1.5) and compressing their JSON again with
 * LZMA-JS mode 3 reproduces them byte for byte, so this is the same library and settings.
 */
import { createRequire } from 'node:module';

interface LzmaJs {
  compress(input: string, mode: number): number[];
  decompress(input: number[]): string | number[];
}
const lzma = createRequire(import.meta.url)('lzma') as LzmaJs;

const LZMA_MODE = 3; // 512 KiB dictionary: the header of every real blob starts "XQAACAA"

export function encodeHashBlob(json: string): string {
  return Buffer.from(lzma.compress(json, LZMA_MODE)).toString('base64').replaceAll('+', '$').replaceAll('/', '_');
}

/** `#<blob>??<screenName>` → the JSON text and the name; null when it is not that form or not decodable. */
export function decodeHash(hash: string): { json: string; screenName: string | null } | null {
  const match = /^#?([A-Za-z0-9$_]{20,}={0,2})(?:\?\?(\w+))?$/.exec(hash);
  if (!match) return null;
  const bytes = Buffer.from(match[1]!.replaceAll('$', '+').replaceAll('_', '/'), 'base64');
  try {
    const json = lzma.decompress(Array.from(bytes, (b) => (b > 127 ? b - 256 : b)));
    return typeof json === 'string' ? { json, screenName: match[2] ?? null } : null;
  } catch {
    return null;
  }
}

/**
 * JSON the way GWT's JSONObject.toString writes it, as the real blobs show: `", "` between members,
 * no space after the colon. Needed so blob sizes match real ones, not for correctness.
 */
export function gwtJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(gwtJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, member]) => `${JSON.stringify(key)}:${gwtJson(member)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** The `"rnd"` member: random in Manage, a fixed function of the record here so URLs are stable. */
export const deterministicRnd = (seed: number) => Number((((seed * 9301 + 49297) % 233280) / 233280).toFixed(15));

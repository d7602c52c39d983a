import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { decompressLzmaAlone } from './lzma';

// The reference encoder: LZMA-JS, the library Manage's GWT client compresses its hash with.
const lzmaJs = createRequire(import.meta.url)('lzma') as { compress(input: string, mode: number): number[] };
const utf8 = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

/** Deterministic pseudo-random text (mulberry32) that still has matches of every length and distance. */
function sampleText(seed: number, length: number): string {
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const words = ['"pid":', '"rd":0', '"p":"sr200"', 'Zürich', 'ticket', '{', '}', ', ', '€', '日本'];
  let out = '';
  while (out.length < length) out += random() < 0.6 ? words[Math.floor(random() * words.length)] : String.fromCharCode(32 + Math.floor(random() * 95));
  return out;
}

describe('decompressLzmaAlone', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8, 9])('decodes LZMA-JS mode %i output', (mode) => {
    for (const text of [sampleText(mode, 300), sampleText(mode + 100, 20_000), 'a'.repeat(5000), '']) {
      const compressed = Uint8Array.from(lzmaJs.compress(text, mode), (b) => b & 0xff);
      expect(utf8(decompressLzmaAlone(compressed, 1_000_000))).toBe(text);
    }
  });

  test('decodes a stream of unknown size that ends with an end marker (liblzma, python -m lzma FORMAT_ALONE)', () => {
    const stream = Buffer.from(
      'XQAAgAD//////////wA9iIoG07+U9W3fj/yy9XO5YhwrY7rShKmuGnTuLPD3T6Bf83bQECrP6+6cf7FFsjy+5TfYQu1aDRDdOeXiIrtj5N2Xv/9ErIAA',
      'base64',
    );
    expect(utf8(decompressLzmaAlone(stream, 1000))).toBe(
      '{"pid":184, "p":"sr150", "s":{"p":{"pid":184, "rd":123456, "screenid":"sr100"}}, "rnd":0.5}',
    );
  });

  test('refuses output beyond the cap, whether announced in the header or not', () => {
    const compressed = Uint8Array.from(lzmaJs.compress('x'.repeat(2000), 3), (b) => b & 0xff);
    expect(decompressLzmaAlone(compressed, 1999)).toBeNull();
    const unknownSize = compressed.slice();
    unknownSize.fill(0xff, 5, 13);
    expect(decompressLzmaAlone(unknownSize, 1999)).toBeNull();
  });

  test('returns null, never throws, for truncated or corrupted input', () => {
    const compressed = Uint8Array.from(lzmaJs.compress(sampleText(7, 2000), 3), (b) => b & 0xff);
    expect(decompressLzmaAlone(new Uint8Array(0), 100)).toBeNull();
    expect(decompressLzmaAlone(compressed.subarray(0, 12), 100_000)).toBeNull();
    expect(decompressLzmaAlone(compressed.subarray(0, compressed.length >> 1), 100_000)).toBeNull();
    const badProperties = compressed.slice();
    badProperties[0] = 225;
    expect(decompressLzmaAlone(badProperties, 100_000)).toBeNull();
    for (let i = 13; i < compressed.length; i += 7) {
      const flipped = compressed.slice();
      flipped[i]! ^= 0x5a;
      expect(() => decompressLzmaAlone(flipped, 100_000)).not.toThrow();
    }
  });
});

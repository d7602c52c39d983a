/**
 * A small LZMA "alone" (.lzma) decoder, after Igor Pavlov's public-domain LzmaSpec.cpp.
 *
 * Manage's compressed hash is LZMA-JS (the GWT port of the Java LZMA SDK) output: decoding the two
 * public blobs and re-compressing them with LZMA-JS mode 3 gives them back byte for byte. That
 * library's decoder is 7 KB minified and global-scoped, so the content script carries this one.
 *
 * The whole output doubles as the dictionary (the inputs are a few hundred bytes), so there is no
 * window buffer. Output is capped by the caller; anything malformed yields null, never a throw.
 */

const PROB_INIT = 1024; // probabilities are 11-bit; 1024 = one half
const STATES = 12;
const POS_STATES_MAX = 16;
const END_POS_MODEL_INDEX = 14;
const FULL_DISTANCES = 128;
const END_MARKER_DISTANCE = 0xffffffff;

class Corrupt extends Error {}

const probabilities = (size: number) => new Uint16Array(size).fill(PROB_INIT);

interface LengthModel {
  choice: Uint16Array;
  low: Uint16Array;
  mid: Uint16Array;
  high: Uint16Array;
}
const lengthModel = (): LengthModel => ({
  choice: probabilities(2),
  low: probabilities(POS_STATES_MAX << 3),
  mid: probabilities(POS_STATES_MAX << 3),
  high: probabilities(256),
});

export function decompressLzmaAlone(input: Uint8Array, maxOutputBytes: number): Uint8Array | null {
  try {
    return decode(input, maxOutputBytes);
  } catch (error) {
    if (error instanceof Corrupt) return null;
    throw error;
  }
}

function decode(input: Uint8Array, maxOutputBytes: number): Uint8Array | null {
  if (input.length < 13) return null;
  let properties = input[0]!;
  if (properties >= 9 * 5 * 5) return null;
  const lc = properties % 9;
  properties = (properties / 9) | 0;
  const lp = properties % 5;
  const pb = (properties / 5) | 0;
  // lc + lp sizes the literal table (0x300 << (lc + lp)); LZMA-JS uses 3 + 0. Refuse silly tables.
  if (lc + lp > 8) return null;

  // Bytes 1..4 are the dictionary size: irrelevant, the output is the dictionary.
  let knownSize = -1;
  if (!input.subarray(5, 13).every((byte) => byte === 0xff)) {
    if (input[11] !== 0 || input[12] !== 0) return null; // > 2^48: not ours to decode
    knownSize = 0;
    for (let i = 10; i >= 5; i--) knownSize = knownSize * 256 + input[i]!;
    if (knownSize > maxOutputBytes) return null;
  }
  const output = new Uint8Array(knownSize >= 0 ? knownSize : maxOutputBytes);
  let outPos = 0;

  // Range decoder
  let pos = 13;
  const nextByte = () => {
    if (pos >= input.length) throw new Corrupt();
    return input[pos++]!;
  };
  let range = 0xffffffff;
  let code = 0;
  if (nextByte() !== 0) return null;
  for (let i = 0; i < 4; i++) code = code * 256 + nextByte();
  if (code === range) return null;
  const normalize = () => {
    if (range < 0x1000000) {
      range *= 256;
      code = code * 256 + nextByte();
    }
  };
  const bit = (probs: Uint16Array, index: number): number => {
    const p = probs[index]!;
    const bound = (range >>> 11) * p;
    let result: number;
    if (code < bound) {
      range = bound;
      probs[index] = p + ((2048 - p) >>> 5);
      result = 0;
    } else {
      range -= bound;
      code -= bound;
      probs[index] = p - (p >>> 5);
      result = 1;
    }
    normalize();
    return result;
  };
  const directBits = (count: number): number => {
    let result = 0;
    for (let i = 0; i < count; i++) {
      range = range >>> 1;
      let b = 0;
      if (code >= range) {
        code -= range;
        b = 1;
      }
      result = result * 2 + b;
      normalize();
    }
    return result;
  };
  const bitTree = (probs: Uint16Array, offset: number, numBits: number): number => {
    let m = 1;
    for (let i = 0; i < numBits; i++) m = (m << 1) + bit(probs, offset + m);
    return m - (1 << numBits);
  };
  const reverseBitTree = (probs: Uint16Array, offset: number, numBits: number): number => {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < numBits; i++) {
      const b = bit(probs, offset + m);
      m = (m << 1) + b;
      symbol |= b << i;
    }
    return symbol;
  };

  // Models
  const literals = probabilities(0x300 << (lc + lp));
  const isMatch = probabilities(STATES << 4);
  const isRep = probabilities(STATES);
  const isRepG0 = probabilities(STATES);
  const isRepG1 = probabilities(STATES);
  const isRepG2 = probabilities(STATES);
  const isRep0Long = probabilities(STATES << 4);
  const posSlots = probabilities(4 << 6);
  const posSpecial = probabilities(1 + FULL_DISTANCES - END_POS_MODEL_INDEX);
  const align = probabilities(16);
  const matchLengths = lengthModel();
  const repLengths = lengthModel();

  const decodeLength = (model: LengthModel, posState: number): number => {
    if (bit(model.choice, 0) === 0) return bitTree(model.low, posState << 3, 3);
    if (bit(model.choice, 1) === 0) return 8 + bitTree(model.mid, posState << 3, 3);
    return 16 + bitTree(model.high, 0, 8);
  };
  const decodeDistance = (length: number): number => {
    const posSlot = bitTree(posSlots, Math.min(length, 3) << 6, 6);
    if (posSlot < 4) return posSlot;
    const numDirectBits = (posSlot >>> 1) - 1;
    let distance = (2 | (posSlot & 1)) * 2 ** numDirectBits;
    if (posSlot < END_POS_MODEL_INDEX) {
      distance += reverseBitTree(posSpecial, distance - posSlot, numDirectBits);
    } else {
      distance += directBits(numDirectBits - 4) * 16;
      distance += reverseBitTree(align, 0, 4);
    }
    return distance;
  };

  const put = (byte: number) => {
    if (outPos >= output.length) throw new Corrupt();
    output[outPos++] = byte;
  };
  const copyMatch = (distance: number, length: number) => {
    if (distance >= outPos) throw new Corrupt();
    for (let i = 0; i < length; i++) put(output[outPos - distance - 1]!);
  };

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;

  while (knownSize < 0 || outPos < knownSize) {
    const posState = outPos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      const previous = outPos > 0 ? output[outPos - 1]! : 0;
      const base = 0x300 * (((outPos & lpMask) << lc) + (previous >>> (8 - lc)));
      let symbol = 1;
      if (state >= 7) {
        if (rep0 >= outPos) throw new Corrupt();
        let matchByte = output[outPos - rep0 - 1]!;
        do {
          const matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          const b = bit(literals, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | b;
          if (matchBit !== b) break;
        } while (symbol < 0x100);
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literals, base + symbol);
      put(symbol - 0x100);
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }

    let length: number;
    if (bit(isRep, state) !== 0) {
      if (outPos === 0) throw new Corrupt();
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          state = state < 7 ? 9 : 11;
          copyMatch(rep0, 1);
          continue;
        }
      } else {
        let distance: number;
        if (bit(isRepG1, state) === 0) {
          distance = rep1;
        } else {
          if (bit(isRepG2, state) === 0) {
            distance = rep2;
          } else {
            distance = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = distance;
      }
      length = decodeLength(repLengths, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      length = decodeLength(matchLengths, posState);
      state = state < 7 ? 7 : 10;
      rep0 = decodeDistance(length);
      if (rep0 === END_MARKER_DISTANCE) {
        if (knownSize >= 0 && outPos !== knownSize) throw new Corrupt();
        return output.slice(0, outPos);
      }
    }
    copyMatch(rep0, length + 2);
  }
  return output;
}

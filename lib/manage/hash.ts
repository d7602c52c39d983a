import { decompressLzmaAlone } from './lzma';

/**
 * Manage's compressed address-bar state: `#<blob>??<ScreenName>` (connectwise-screens.md §1.5).
 * The blob is JSON, LZMA-alone compressed, base64 with `$` for `+` and `_` for `/`, padding
 * optional. The text after `??` is a readable screen name (`ServiceTicket`, `CompanyDetail`, …).
 */
export interface ManageHash {
  /** The readable suffix after `??`, or null when there is none. */
  screenName: string | null;
  /** The decoded JSON: `{"pid":…, "p":"<screen code>", "s":{…}, "rnd":…}` in the real blobs. */
  state: unknown;
}

// Real blobs are a few hundred characters; these caps only keep garbage from costing anything.
const MAX_BLOB_CHARS = 16_384;
const MAX_JSON_BYTES = 65_536;
// 13 header bytes alone take 18 characters.
const MIN_BLOB_CHARS = 20;
const BLOB = /^[A-Za-z0-9$_]+={0,2}$/;
const SCREEN_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Split a location hash (with or without `#`) of the compressed form into blob and screen name,
 * without decoding; null when the hash is not of that form.
 */
export function splitManageHash(hash: string): { blob: string; screenName: string | null } | null {
  let fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment.includes('%')) {
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      return null;
    }
  }
  const separator = fragment.indexOf('??');
  const blob = separator >= 0 ? fragment.slice(0, separator) : fragment;
  const screenName = separator >= 0 ? fragment.slice(separator + 2) || null : null;
  if (blob.length < MIN_BLOB_CHARS || blob.length > MAX_BLOB_CHARS || !BLOB.test(blob)) return null;
  if (screenName !== null && !SCREEN_NAME.test(screenName)) return null;
  return { blob, screenName };
}

/** Decode a location hash of the compressed form; anything else, or anything malformed → null. */
export function decodeManageHash(hash: string): ManageHash | null {
  const parts = splitManageHash(hash);
  if (!parts) return null;
  const compressed = decodeBase64(parts.blob.replaceAll('$', '+').replaceAll('_', '/'));
  if (!compressed) return null;
  const json = decompressLzmaAlone(compressed, MAX_JSON_BYTES);
  if (!json) return null;
  try {
    const state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown;
    return { screenName: parts.screenName, state };
  } catch {
    return null;
  }
}

function decodeBase64(text: string): Uint8Array | null {
  try {
    // atob's forgiving-base64 accepts missing padding, as Manage's blobs sometimes have.
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/**
 * Accept-header versioning: `application/vnd.connectwise.com+json; version=2025.1` pins the
 * response schema; without a version the server's current one answers. Real wording for an
 * unsupported version (e.g. the old default `3.0.0`, or `0.0`) is in errors.ts (connectwise-rest
 * #35). UNVERIFIED: which versions a server accepts; we take release numbers `YYYY.N` from 2015.1
 * up to the server's own release, and refuse anything newer or shaped differently.
 */

type Negotiated = { ok: true; version: string } | { ok: false; requested: string };

const MEDIA_TYPE = 'application/vnd.connectwise.com+json';

/** `v2025.1` (companyinfo VersionCode) → `2025.1`. */
export const releaseOf = (versionCode: string) => versionCode.replace(/^v/, '');

function compareReleases(a: string, b: string): number {
  const [ay, an] = a.split('.').map(Number) as [number, number];
  const [by, bn] = b.split('.').map(Number) as [number, number];
  return ay - by || an - bn;
}

export function negotiateVersion(accept: string | undefined, current: string): Negotiated {
  for (const range of (accept ?? '').split(',')) {
    const [type, ...params] = range.split(';').map((part) => part.trim());
    if (type?.toLowerCase() !== MEDIA_TYPE) continue;
    const versionParam = params.find((param) => /^version\s*=/i.test(param));
    if (!versionParam) continue;
    const requested = versionParam.replace(/^version\s*=\s*/i, '').replace(/^"|"$/g, '');
    const supported = /^\d{4}\.\d{1,2}$/.test(requested) && compareReleases(requested, '2015.1') >= 0 && compareReleases(requested, current) <= 0;
    return supported ? { ok: true, version: requested } : { ok: false, requested };
  }
  return { ok: true, version: current };
}

export const contentTypeFor = (version: string) => `${MEDIA_TYPE}; version=${version}`;

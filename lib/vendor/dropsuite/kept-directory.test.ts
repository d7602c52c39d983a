import { describe, expect, it, vi } from 'vitest';
import type { DirectoryVault } from './org-directory';
import { MB, ORG, recordingFetch, simulatedVendor } from './test-support';

const id = (n: number) => String(n);

/** A vault in memory that copies what it keeps, as storage would. */
function memoryVault(initial: unknown[] | null = null) {
  let kept = initial;
  const vault: DirectoryVault = {
    load: async () => kept,
    save: async (rows) => {
      kept = JSON.parse(JSON.stringify(rows)) as unknown[];
    },
  };
  return { vault, kept: () => kept };
}

/** What a vault keeps once a client with it listed the organisations. */
async function keptList(client: ReturnType<typeof simulatedVendor>['client']) {
  const store = memoryVault();
  await client({ directoryVault: store.vault }).listOrganizations();
  await vi.waitFor(() => expect(store.kept()).not.toBeNull());
  return store.kept() as Array<Record<string, unknown>>;
}

/** A fetch whose `/accounts` rows lose their embedded organisation (or get `embed` instead). */
function accountsEmbedding(embed: (user: Record<string, unknown>) => unknown) {
  return recordingFetch(async (input, init) => {
    const answer = await fetch(input, init);
    if (!new URL(new Request(input, init).url).pathname.endsWith('/accounts')) return answer;
    const body = await answer.json() as { result_set: Array<Record<string, unknown>> };
    body.result_set = body.result_set.map((row) => ({ ...row, user: embed(row.user as Record<string, unknown>) }));
    return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
  });
}

describe('the organisation list kept between worker restarts (against the vendor simulator)', () => {
  const { client } = simulatedVendor();
  const paths = (sent: ReturnType<typeof recordingFetch>['sent']) => sent.map((r) => r.url.pathname);

  it('knows nothing before a read, and the list after one, without a request', async () => {
    const { fetch, sent } = recordingFetch();
    const vendor = client({ fetch });
    expect(await vendor.lastKnownOrganizations()).toBeNull();
    const listed = await vendor.listOrganizations();
    sent.length = 0;
    expect(await vendor.lastKnownOrganizations()).toEqual(listed);
    expect(sent).toEqual([]);
  });

  it('a new client with the kept list reads mailboxes with the kept token: no organisation list', async () => {
    const kept = await keptList(client);
    expect(kept.some((row) => typeof row.authentication_token === 'string')).toBe(true);
    const { fetch, sent } = recordingFetch();
    const vendor = client({ fetch, directoryVault: memoryVault(kept).vault });
    expect(await vendor.lastKnownOrganizations()).toHaveLength(11);
    expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
    expect(paths(sent)).toEqual(['/api/accounts']);
  });

  it('a kept token the vendor no longer takes: refused once, the list read again, then kept anew', async () => {
    const kept = (await keptList(client)).map((row) => ({ ...row, authentication_token: 'org_rotated_away' }));
    const store = memoryVault(kept);
    const { fetch, sent } = recordingFetch();
    expect(await client({ fetch, directoryVault: store.vault }).listMailboxes(id(ORG.contoso))).toHaveLength(23);
    expect(paths(sent)).toEqual(['/api/accounts', '/api/users', '/api/accounts']);
    await vi.waitFor(() => expect(JSON.stringify(store.kept())).not.toContain('org_rotated_away'));
  });

  it('ignores a kept list that is not one (another version, a hand edit): the vendor is asked', async () => {
    const { fetch, sent } = recordingFetch();
    const vendor = client({ fetch, directoryVault: memoryVault([{ nonsense: true }]).vault });
    expect(await vendor.lastKnownOrganizations()).toBeNull();
    expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
    expect(paths(sent)).toEqual(['/api/users', '/api/accounts']);
  });

  it('a kept list that lacks a new organisation is read again for it', async () => {
    const kept = (await keptList(client)).filter((row) => row.organization_id !== id(ORG.contoso));
    const { fetch, sent } = recordingFetch();
    expect(await client({ fetch, directoryVault: memoryVault(kept).vault }).listMailboxes(id(ORG.contoso))).toHaveLength(23);
    expect(paths(sent)).toEqual(['/api/users', '/api/accounts']);
  });
});

describe('mailboxes with their organisation', () => {
  const { client } = simulatedVendor();

  it('the rows carry the organisation, the same as the list says it', async () => {
    const vendor = client();
    const listed = (await vendor.listOrganizations()).find((org) => org.id === id(ORG.contoso));
    const { mailboxes, owner } = await vendor.listMailboxesWithOwner(id(ORG.contoso));
    expect(mailboxes.map((m) => m.id)).toContain(id(MB.contosoFrontDesk));
    expect(owner).toEqual(listed);
  });

  it('an embedded organisation without its token field keeps the token the list gave', async () => {
    const { fetch, sent } = accountsEmbedding(({ authentication_token: _token, ...user }) => user);
    const vendor = client({ fetch });
    const { owner } = await vendor.listMailboxesWithOwner(id(ORG.contoso));
    expect(owner).toMatchObject({ id: id(ORG.contoso) });
    sent.length = 0;
    expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
    expect(sent.map((r) => r.url.pathname)).toEqual(['/api/accounts']);
  });

  it('by an alternative id too', async () => {
    const { owner } = await client().listMailboxesWithOwner('1788161-14');
    expect(owner).toMatchObject({ id: id(ORG.blueLight), name: 'Blue Light, Co.', state: 'active', seats: { used: 12 } });
  });

  it.each([
    ['no embedded organisation', () => undefined],
    ['one that does not parse', () => ({ organization_id: { nested: true } })],
    ['another organisation', (user: Record<string, unknown>) => ({ ...user, id: 'x-1', organization_id: 1 })],
    ['one without its state', (user: Record<string, unknown>) => ({ ...user, flg_suspended: null, customer_deactivated: null })],
    ['one without its seats in use', (user: Record<string, unknown>) => ({ ...user, seats_used: null, active_seats: null })],
  ])('%s: no owner, the mailboxes still listed', async (_case, embed) => {
    const { fetch } = accountsEmbedding(embed);
    const { mailboxes, owner } = await client({ fetch }).listMailboxesWithOwner(id(ORG.contoso));
    expect(mailboxes).toHaveLength(23);
    expect(owner).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { networkError } from '../../connectwise/test-support';
import type { SettingsService } from '../settings-service';
import {
  cwList,
  manageRequests,
  technician,
  type RunningSimulators,
  useConfiguredSimulators,
} from './test-support';

const WOODGROVE = 255; // company with no tenant; org 20412 "Woodgrove Bakery Ltd" is linked nowhere
const TREY_RESEARCH_LABS = 288; // filler company; org 20777 "Trey Research" is linked to 260
const MAILBOX_ACTIONS_TYPE_NAME = 'dropsuite_mailbox_actions';

let sims: RunningSimulators;
let settings: SettingsService;

useConfiguredSimulators((env) => {
  ({ sims, settings } = env);
});

type Row = Record<string, unknown>;
const linksOf = (orgId: string) => cwList(sims, 'company/configurations').filter((c) => c.name === `uswest.tenant.${orgId}`);
const activeLinksOf = (orgId: string) => linksOf(orgId).filter((c) => c.activeFlag !== false);
const companyOf = (row: Row) => (row.company as { id?: number } | undefined)?.id;
const typeNameOf = (row: Row) => (row.type as { name?: string } | undefined)?.name;
const additionsSnapshot = () => JSON.stringify(cwList(sims, 'finance/agreements/19075/additions'));

describe('suggest-links', () => {
  it('ranks unlinked organisations by mail domain and name, without the contacts the role may not read', async () => {
    const settled = await technician(sims, settings).run({ kind: 'suggest-links', companyId: WOODGROVE });
    expect(settled).toEqual({
      ok: true,
      result: {
        message: '1 possible tenant for Woodgrove Bakery, best match first.',
        suggestions: [{
          orgId: '20412', name: 'Woodgrove Bakery Ltd', domains: ['woodgrovebakery.com'], score: expect.any(Number),
          reasons: ['domain', 'admin-email', 'name'], linkedTo: null,
        }],
      },
    });
    expect(sims.manage.requests.list().some((r) => r.path.includes('company/contacts') && r.status === 403)).toBe(true);
  });

  it('shows an organisation linked to another company as such, without offering it', async () => {
    const settled = await technician(sims, settings).run({ kind: 'suggest-links', companyId: TREY_RESEARCH_LABS });
    expect(settled).toEqual({
      ok: true,
      result: {
        message: 'No unlinked Dropsuite organisation matches Trey Research Labs by name or mail domain.',
        suggestions: [expect.objectContaining({ orgId: '20777', reasons: ['name'], linkedTo: { id: 260, name: 'Trey Research' } })],
      },
    });
  });
});

describe('link-tenant', () => {
  it('writes the link configuration every browser sees', async () => {
    const call = technician(sims, settings).start({ kind: 'link-tenant', companyId: WOODGROVE, orgId: '20412', agreementId: null });
    expect(await call.done).toEqual({
      ok: true,
      result: {
        message: 'Linked Woodgrove Bakery Ltd (Dropsuite organisation 20412) to Woodgrove Bakery; '
          + 'no billing agreement chosen yet (“Update agreement” sets it).',
      },
    });
    const [link, ...more] = linksOf('20412');
    expect(more).toEqual([]);
    expect(link).toMatchObject({ serialNumber: 'uswest.20412', activeFlag: true });
    expect(link?.tagNumber).toBeUndefined();
    expect(companyOf(link ?? {})).toBe(WOODGROVE);
    expect(typeNameOf(link ?? {})).toBe(MAILBOX_ACTIONS_TYPE_NAME);
    expect(String(link?.notes)).toMatch(/^Dropsuite organisation "Woodgrove Bakery Ltd" \(20412, 1790601-9\), admin owner@woodgrovebakery\.com/);
    expect(call.invalidated).toEqual(['company:255']);
  });

  it('finds the link an unanswered create wrote instead of writing a second one', async () => {
    sims.manage.faults.set({ slowCommitMs: 1_000 });
    // The connection drops before ConnectWise answers the POST, as the tier2tickets duplicates began.
    const dropping: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== 'POST' || !request.url.includes('company/configurations')) return fetch(request);
      void fetch(request).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw networkError('ECONNRESET');
    };
    const settled = await technician(sims, settings, { fetch: dropping })
      .run({ kind: 'link-tenant', companyId: WOODGROVE, orgId: '20412', agreementId: null });
    expect(settled).toMatchObject({ ok: true });
    expect(linksOf('20412')).toHaveLength(1);
    // The simulator logs the dropped POST once it has answered it.
    await vi.waitFor(() => expect(manageRequests(sims).filter((r) => r === 'POST company/configurations')).toHaveLength(1));
  });

  it('leaves one link after a double click and a second technician at the same moment', async () => {
    sims.manage.faults.set({ slowCommitMs: 300 });
    const action = { kind: 'link-tenant', companyId: WOODGROVE, orgId: '20412', agreementId: null } as const;
    const jsmith = technician(sims, settings);
    const akumar = technician(sims, settings, { name: 'akumar' });
    const [first, doubleClick, other] = await Promise.all([jsmith.run(action), jsmith.run(action), akumar.run(action)]);

    expect(activeLinksOf('20412')).toHaveLength(1);
    expect(doubleClick).toEqual(first);
    for (const settled of [first, other]) {
      if (!settled.ok) expect(settled.error.code).toBe('already-linked');
      else expect(settled.result.message).toMatch(/^Linked |by someone else just now/);
    }
  });

  it('steps back when another technician’s link landed between its check and its write', async () => {
    const action = { kind: 'link-tenant', companyId: WOODGROVE, orgId: '20412', agreementId: null } as const;
    let reachedPost!: () => void;
    let openGate!: () => void;
    const atPost = new Promise<void>((resolve) => (reachedPost = resolve));
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const heldAtPost: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && request.url.includes('company/configurations')) {
        reachedPost();
        await gate;
      }
      return fetch(request);
    };
    const late = technician(sims, settings, { name: 'akumar', fetch: heldAtPost }).run(action);
    await atPost; // akumar found no link and is about to write one
    expect(await technician(sims, settings).run(action)).toMatchObject({ ok: true, result: { message: expect.stringMatching(/^Linked /) } });
    openGate();

    expect(await late).toEqual({
      ok: true, result: { message: 'Woodgrove Bakery Ltd was linked to Woodgrove Bakery by someone else just now; nothing more to do.' },
    });
    expect(activeLinksOf('20412')).toHaveLength(1);
    expect(linksOf('20412')).toEqual([
      expect.objectContaining({ activeFlag: true }),
      expect.objectContaining({ activeFlag: false, notes: expect.stringContaining('Deactivated: a duplicate of configuration') }),
    ]);
  });

  it('refuses an organisation linked to another company, and says which', async () => {
    const settled = await technician(sims, settings).run({ kind: 'link-tenant', companyId: WOODGROVE, orgId: '20114', agreementId: null });
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'linked-elsewhere',
        message: 'Fabrikam Legal LLP (Dropsuite organisation 20114) is already linked to Fabrikam Legal LLP; a vendor organisation belongs to one company.',
      }),
    });
    expect(linksOf('20114')).toHaveLength(1);
  });

  it('refuses an organisation already linked here', async () => {
    const settled = await technician(sims, settings).run({ kind: 'link-tenant', companyId: 259, orgId: '20610', agreementId: null });
    expect(settled).toMatchObject({ ok: false, error: { code: 'already-linked' } });
  });

  it('refuses an agreement of another company', async () => {
    const settled = await technician(sims, settings).run({ kind: 'link-tenant', companyId: WOODGROVE, orgId: '20412', agreementId: 19075 });
    expect(settled).toMatchObject({ ok: false, error: { code: 'agreement-of-another-company' } });
    expect(linksOf('20412')).toEqual([]);
  });
});

describe('unlink-tenant', () => {
  it('deactivates the link, keeps it as history and never touches the additions; linking again finds the billing agreement', async () => {
    const tech = technician(sims, settings);
    const before = additionsSnapshot();
    const call = tech.start({ kind: 'unlink-tenant', companyId: 252, orgId: '20114' });
    expect(await call.done).toEqual({
      ok: true,
      result: { message: 'Unlinked Dropsuite organisation 20114 from Fabrikam Legal LLP. Agreement additions are unchanged: billing is ended on the agreement.' },
    });
    expect(call.invalidated).toEqual(['company:252', 'agreement:19075']);
    expect(linksOf('20114')).toEqual([expect.objectContaining({ activeFlag: false, notes: expect.stringMatching(/Unlinked by jsmith with Backup Bridge on /) })]);
    expect(additionsSnapshot()).toBe(before);

    const relinked = await tech.run({ kind: 'link-tenant', companyId: 252, orgId: '20114', agreementId: null });
    expect(relinked).toMatchObject({ ok: true, result: { message: expect.stringContaining('billed on agreement “Dropsuite Email Backup”') } });
    expect(linksOf('20114')).toEqual([
      expect.objectContaining({ activeFlag: false }),
      expect.objectContaining({ activeFlag: true, tagNumber: '19075' }),
    ]);
  });

  it('explains that a tenant found through an addition is unlinked on the agreement', async () => {
    const settled = await technician(sims, settings).run({ kind: 'unlink-tenant', companyId: 251, orgId: '19771' });
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not-linked', hint: expect.stringContaining('cancel the addition on the agreement') }),
    });
  });

  it('refuses to unlink from a company the tenant is not linked to', async () => {
    const settled = await technician(sims, settings).run({ kind: 'unlink-tenant', companyId: WOODGROVE, orgId: '20114' });
    expect(settled).toMatchObject({ ok: false, error: { code: 'linked-elsewhere', message: expect.stringContaining('Fabrikam Legal LLP') } });
    expect(activeLinksOf('20114')).toHaveLength(1);
  });
});

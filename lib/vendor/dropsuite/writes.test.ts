import { describe, expect, it } from 'vitest';
import type { Capability, VendorClient } from '../domain';
import { failureOf, HOUR, MB, MINUTE, ORG, postAdmin, recordingFetch, simulatedVendor } from './test-support';

const id = (n: number) => String(n);
const DAY = 24 * HOUR;

describe('Dropsuite client changes (against the vendor simulator)', () => {
  const { sim, client, setFaults } = simulatedVendor();
  const posts = () => sim.vendor.requests.filter({ method: 'POST' });
  const tasksAtVendor = () => [...sim.vendor.store.allTasks()];

  describe('Force Backup and task polling', () => {
    it('retries a failing mailbox and follows the task on the simulated clock', async () => {
      const vendor = client();
      const task = await vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk));
      expect(task).toEqual({
        id: 'task_1', kind: 'retry', status: 'queued', statusRaw: 'queued', error: null, mailboxId: '9101', organizationId: '19771',
        createdAt: null, startedAt: null, finishedAt: null,
      });
      expect(await vendor.getTask(id(ORG.contoso), task.id)).toMatchObject({ status: 'queued', createdAt: '2026-03-10T09:00:00.000Z' });
      sim.advance(MINUTE);
      expect(await vendor.getTask(id(ORG.contoso), task.id)).toMatchObject({ status: 'running', startedAt: '2026-03-10T09:01:00.000Z' });
      sim.advance(2 * MINUTE);
      expect(await vendor.getTask(id(ORG.contoso), task.id)).toMatchObject({
        kind: 'retry', status: 'succeeded', error: null, finishedAt: '2026-03-10T09:03:00.000Z',
      });
      const mailbox = (await vendor.listMailboxes(id(ORG.contoso))).find((m) => m.id === id(MB.contosoFrontDesk));
      expect(mailbox).toMatchObject({ status: 'completed', errors: [], lastSuccessAt: '2026-03-10T09:03:00.000Z' });
    });

    it('shows the mailbox busy while the task runs', async () => {
      const vendor = client();
      await vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk));
      expect(await vendor.getAction('backup', id(MB.contosoFrontDesk), id(ORG.contoso))).toMatchObject({ status: 'preparing', statusRaw: 'Preparing Backup' });
    });

    it('reports a retry that fails again', async () => {
      const vendor = client();
      const task = await vendor.retryMailbox(id(ORG.tailspin), id(MB.tailspinOps));
      sim.advance(3 * MINUTE);
      expect(await vendor.getTask(id(ORG.tailspin), task.id)).toMatchObject({
        status: 'failed', error: { code: 'backup_failed', message: 'timeout' },
      });
    });

    it('adopts the task already in flight instead of starting another', async () => {
      const vendor = client();
      const first = await vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk));
      const second = await vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk));
      expect(second).toMatchObject({ id: first.id, kind: 'retry', status: 'queued', createdAt: '2026-03-10T09:00:00.000Z' });
      expect(tasksAtVendor()).toHaveLength(1);
    });

    it('says why a healthy mailbox cannot be retried', async () => {
      const error = await failureOf(client().retryMailbox(id(ORG.blueLight), id(MB.blueLightGordon)));
      expect(error.data).toMatchObject({
        code: 'vendor-not-retryable', status: 409,
        message: 'The vendor would not start a Force Backup of mailbox 9001: Force Backup is only for failing accounts; this one is "Completed".',
      });
    });

    it('re-authorises a mailbox, after which a retry succeeds', async () => {
      const vendor = client();
      const reauth = await vendor.reauthorizeMailbox(id(ORG.fabrikam), id(MB.fabrikamJane));
      expect(reauth).toMatchObject({ kind: 'reauthorize', status: 'queued', mailboxId: '9201' });
      sim.advance(3 * MINUTE);
      expect(await vendor.getTask(id(ORG.fabrikam), reauth.id)).toMatchObject({ kind: 'reauthorize', status: 'succeeded' });
      expect(await vendor.getAction('backup', id(MB.fabrikamJane), id(ORG.fabrikam))).toMatchObject({ status: 'retrying', attempts: 0 });
      const retry = await vendor.retryMailbox(id(ORG.fabrikam), id(MB.fabrikamJane));
      sim.advance(3 * MINUTE);
      expect(await vendor.getTask(id(ORG.fabrikam), retry.id)).toMatchObject({ status: 'succeeded' });
    });

    it('says so when a task is unknown', async () => {
      const error = await failureOf(client().getTask(id(ORG.contoso), 'task_99'));
      expect(error.data).toMatchObject({ code: 'vendor-not-found', message: 'The vendor has no task task_99 in Contoso Dental Group.' });
    });
  });

  describe('subscriptions and lifecycle', () => {
    it('changes seats', async () => {
      expect(await client().changeSeats(id(ORG.contoso), 30)).toMatchObject({
        id: '19771', seats: { purchased: 30, used: 23, purchasedFrom: 'subscription' },
      });
    });

    it('gives the vendor\'s reason per field when seats are refused', async () => {
      const error = await failureOf(client().changeSeats(id(ORG.contoso), 20));
      expect(error.data).toMatchObject({
        code: 'vendor-validation', status: 422,
        message: 'The vendor rejected the request to change the seats of organisation 19771 to 20: seats: cannot be lower than the 23 seats in use.',
        details: [{ field: 'seats', message: 'cannot be lower than the 23 seats in use' }],
      });
    });

    it('suspends, unsubscribes and reactivates, enforcing the vendor\'s state rules', async () => {
      const vendor = client();
      expect(await vendor.suspend(id(ORG.blueLight))).toMatchObject({ state: 'suspended', loginDisabled: true });
      const again = await failureOf(vendor.suspend(id(ORG.blueLight)));
      expect(again.data).toMatchObject({
        code: 'vendor-invalid-state',
        message: 'The vendor would not suspend organisation 5979: Only an active organization can be suspended (it is suspended).',
      });
      expect(await vendor.unsubscribe('1788161-14')).toMatchObject({ state: 'unsubscribed', purgeAfter: '2026-04-24T09:00:00.000Z' });
      expect(await vendor.reactivate(id(ORG.blueLight))).toMatchObject({ state: 'active', purgeAfter: null });
    });

    it('refuses to reactivate once the 45 days are over', async () => {
      const vendor = client();
      sim.advance(36 * DAY);
      const error = await failureOf(vendor.reactivate(id(ORG.litware)));
      expect(error.data).toMatchObject({ code: 'vendor-invalid-state', message: expect.stringContaining('45-day reactivation window has ended') });
    });

    it('opens a one-time "Login as Client" link', async () => {
      const link = await client().impersonationLink(id(ORG.contoso));
      expect(link.expiresAt).toBe('2026-03-10T09:05:00.000Z');
      const page = await sim.fetchUrl(link.url);
      expect(page.text).toContain('You are currently impersonating as it@contosodental.com');
    });
  });

  describe('capability detection', () => {
    const cases: Array<[Capability, string, (vendor: VendorClient) => Promise<unknown>]> = [
      ['retry', 'force_backup', (v) => v.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk))],
      ['reauthorize', 'reauthorize', (v) => v.reauthorizeMailbox(id(ORG.fabrikam), id(MB.fabrikamJane))],
      ['changeSeats', 'subscription', (v) => v.changeSeats(id(ORG.contoso), 30)],
      ['suspend', 'suspend', (v) => v.suspend(id(ORG.blueLight))],
      ['unsubscribe', 'unsubscribe', (v) => v.unsubscribe(id(ORG.blueLight))],
      ['reactivate', 'reactivate', (v) => v.reactivate(id(ORG.litware))],
      ['impersonate', 'impersonate', (v) => v.impersonationLink(id(ORG.blueLight))],
      ['events', 'events', (v) => v.events()],
      ['history', 'backup_history', (v) => v.backupHistory(id(ORG.blueLight), 7)],
    ];

    it.each(cases)('%s: a missing route means "use the portal", learned once', async (capability, simSwitch, call) => {
      await postAdmin(sim, 'capabilities', { [simSwitch]: false });
      const { fetch, sent } = recordingFetch();
      const vendor = client({ fetch });
      expect(vendor.capabilities().has(capability)).toBe(true);
      const error = await failureOf(call(vendor));
      expect(error.data).toMatchObject({ code: 'vendor-unsupported', hint: 'Do it in the vendor portal instead: https://partners.example.com/' });
      expect(vendor.capabilities().has(capability)).toBe(false);
      expect(vendor.capabilities().size).toBe(9);
      const asked = sent.length;
      expect((await failureOf(call(vendor))).data.code).toBe('vendor-unsupported');
      expect(sent.length).toBe(asked); // not asked again
    });

    it('treats an unknown task route as unsupported without losing a capability', async () => {
      await postAdmin(sim, 'capabilities', { tasks: false });
      const vendor = client();
      const error = await failureOf(vendor.getTask(id(ORG.contoso), 'task_1'));
      expect(error.data).toMatchObject({ code: 'vendor-unsupported', message: 'The vendor\'s API does not offer task status.' });
      expect(vendor.capabilities().size).toBe(10);
    });

    it('keeps working with only the routes real clients have seen', async () => {
      await postAdmin(sim, 'capabilities', { preset: 'verified_only' });
      const vendor = client();
      expect(await vendor.testConnection()).toMatchObject({ organizationCount: 11 });
      expect(await vendor.getAction('backup', id(MB.tailspinOps), id(ORG.tailspin))).toMatchObject({ status: 'retrying' });
      expect((await failureOf(vendor.retryMailbox(id(ORG.tailspin), id(MB.tailspinOps)))).data.code).toBe('vendor-unsupported');
      expect([...vendor.capabilities()]).toEqual(['reauthorize', 'changeSeats', 'suspend', 'unsubscribe', 'reactivate', 'impersonate', 'events', 'history']);
    });

    it('a read-only reseller tier refuses every change, and says why', async () => {
      await postAdmin(sim, 'settings', { resellerTier: 'read_only' });
      const vendor = client();
      const error = await failureOf(vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk)));
      expect(error.data).toMatchObject({
        code: 'vendor-read-only', status: 403,
        message: 'The vendor lets this API account only read (HTTP 403), so Backup Bridge cannot start a Force Backup of mailbox 9101.',
        hint: expect.stringContaining('MSPbots'),
      });
      expect([...vendor.capabilities()]).toEqual(['events', 'history', 'actions']);
      expect((await failureOf(vendor.suspend(id(ORG.blueLight)))).data.code).toBe('vendor-read-only');
      expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
    });
  });

  describe('writes are never re-sent blindly', () => {
    it('a Force Backup that timed out is checked, then adopted: one task at the vendor', async () => {
      await setFaults({ slowCommitMs: 1_500 });
      const task = await client({ timeoutMs: 300 }).retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk));
      expect(task).toMatchObject({ id: 'task_1', status: 'queued', mailboxId: '9101' });
      expect(tasksAtVendor()).toHaveLength(1);
      await sim.idle(); // the late answer is logged once it is sent
      expect(posts().map((p) => p.status).sort()).toEqual([202, 409]); // the late answer, then "already in progress"
    });

    it('a suspend that timed out is confirmed from the organisation\'s state, not sent again', async () => {
      await setFaults({ slowCommitMs: 1_500 });
      const org = await client({ timeoutMs: 300 }).suspend(id(ORG.blueLight));
      expect(org.state).toBe('suspended');
      await sim.idle();
      expect(posts()).toHaveLength(1);
    });

    it('an unknown outcome whose state cannot be read is reported, not retried', async () => {
      await setFaults({ errorRate: 1, errorStatus: 502 });
      const error = await failureOf(client().suspend(id(ORG.blueLight)));
      expect(error.data).toMatchObject({
        code: 'vendor-unavailable', status: 502, hint: 'The change may or may not have been made; check its state before trying again.',
      });
      expect(posts()).toHaveLength(1);
    });

    it('a Force Backup whose mailbox has since recovered is not sent again', async () => {
      let first = true;
      const { fetch } = recordingFetch(async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && first) {
          first = false;
          await postAdmin(sim, 'accounts/9101', { status: 'Completed' }); // healed meanwhile
          return new Response('upstream timed out', { status: 504 });
        }
        return globalThis.fetch(request);
      });
      const error = await failureOf(client({ fetch }).retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk)));
      expect(error.data).toMatchObject({
        code: 'vendor-unconfirmed',
        message: expect.stringContaining('the vendor does not show whether it happened: the mailbox now shows "Completed"'),
      });
      expect(tasksAtVendor()).toHaveLength(0);
    });

    it('a write refused with 429 is sent again after Retry-After (the vendor did nothing)', async () => {
      await setFaults({ rateLimitStorm: 1, retryAfterSeconds: 0 });
      expect(await client().suspend(id(ORG.blueLight))).toMatchObject({ state: 'suspended' });
      expect(posts().map((p) => p.status)).toEqual([429, 200]);
    });

    it('a write answered 503 (vendor down) fails at once', async () => {
      await setFaults({ down: true });
      const error = await failureOf(client().suspend(id(ORG.blueLight)));
      expect(error.data).toMatchObject({ code: 'vendor-unavailable', status: 503, retryable: true });
      expect(posts()).toHaveLength(1);
    });
  });
});

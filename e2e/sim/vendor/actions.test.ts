import { describe, expect, it } from 'vitest';
import { HOUR, itemsOf, MB, MINUTE, ORG, T0, vendorHarness } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();

const forceBackup = (account: number, org: number) => h.post(`/accounts/${account}/force_backup`, org);
const reauthorize = (account: number, org: number) => h.post(`/accounts/${account}/reauthorize`, org);
const taskOf = async (id: string, org: number) => (await h.get(`/tasks/${id}`, org)).json;
const backupOf = async (account: number, org: number) => (await h.get(`/actions/backup/${account}`, org)).json;
const statusOf = async (account: number, org: number) => {
  const accounts = itemsOf((await h.get('/accounts?per_page=500', org)).json) as Array<{ id: number; current_backup_status: string }>;
  return accounts.find((a) => a.id === account)?.current_backup_status;
};

/** Creates a task and runs it to the end (3 simulated minutes by default). */
async function runTask(post: Promise<Awaited<ReturnType<typeof h.post>>>, org: number) {
  const answer = await post;
  expect(answer.status).toBe(202);
  h.advance(3 * MINUTE);
  return taskOf(answer.json.task_id, org);
}

describe('POST /accounts/{id}/force_backup', () => {
  it('answers 202 with a queued task and a Location to poll', async () => {
    const answer = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ task_id: 'task_1', status: 'queued' });
    expect(answer.headers.get('location')).toBe('/api/tasks/task_1');
  });

  it('moves the task queued → running (1 min) → succeeded (3 min) and recovers a "retry" mailbox', async () => {
    const { json } = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    expect(await taskOf(json.task_id, ORG.contoso)).toEqual({
      id: json.task_id, type: 'force_backup', status: 'queued', account_id: MB.contosoFrontDesk, organization_id: ORG.contoso,
      created_at: isoAt(T0), started_at: null, finished_at: null, error: null,
    });
    expect(await statusOf(MB.contosoFrontDesk, ORG.contoso)).toBe('Preparing Backup');
    h.advance(MINUTE);
    expect(await taskOf(json.task_id, ORG.contoso)).toMatchObject({ status: 'running', started_at: isoAt(T0 + MINUTE) });
    expect(await statusOf(MB.contosoFrontDesk, ORG.contoso)).toBe('Running');
    h.advance(2 * MINUTE);
    expect(await taskOf(json.task_id, ORG.contoso)).toMatchObject({ status: 'succeeded', finished_at: isoAt(T0 + 3 * MINUTE), error: null });
    expect(await backupOf(MB.contosoFrontDesk, ORG.contoso)).toMatchObject({
      current_backup_status: 'Completed', errors: {}, attempts: 0, last_backup: isoAt(T0 + 3 * MINUTE),
    });
  });

  it('fails for a "never" mailbox: the task fails with the error, attempts go up, retries continue', async () => {
    const task = await runTask(forceBackup(MB.tailspinOps, ORG.tailspin), ORG.tailspin);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'backup_failed', message: 'timeout' } });
    expect(await backupOf(MB.tailspinOps, ORG.tailspin)).toMatchObject({
      attempts: 8, current_backup_status: 'Retrying', next_attempt_at: isoAt(T0 + 33 * MINUTE),
    });
  });

  it('may be pressed for an exhausted ("Failed") mailbox, which stays Failed when the problem is permanent', async () => {
    const task = await runTask(forceBackup(MB.adatumArchive, ORG.adatum), ORG.adatum);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'backup_failed', message: 'Mailbox not found at source' } });
    expect(await backupOf(MB.adatumArchive, ORG.adatum)).toMatchObject({ current_backup_status: 'Failed', next_attempt_at: null });
  });

  it('keeps failing for a credentials problem until re-authorised', async () => {
    const task = await runTask(forceBackup(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam);
    expect(task).toMatchObject({ status: 'failed', error: { code: 'backup_failed', message: expect.stringContaining('AADSTS700082') } });
    expect(await backupOf(MB.fabrikamJane, ORG.fabrikam)).toMatchObject({ attempts: 4, current_backup_status: 'Authentication Error' });
  });

  it('answers 409 not_retryable for a healthy mailbox', async () => {
    const answer = await forceBackup(MB.blueLightGordon, ORG.blueLight);
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({
      error: { code: 'not_retryable', message: expect.stringContaining('"Completed"'), retryable: false },
      request_id: expect.any(String),
    });
  });

  it.each(['Space Full', 'Inactive', 'Preparing Backup', 'Running'])('answers 409 not_retryable for "%s"', async (status) => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status });
    expect((await forceBackup(MB.blueLightGordon, ORG.blueLight)).json.error.code).toBe('not_retryable');
  });

  it.each(['Retrying', 'Connection Error', 'Authentication Error', 'Failed'])('is allowed for "%s"', async (status) => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status });
    expect((await forceBackup(MB.blueLightGordon, ORG.blueLight)).status).toBe(202);
  });

  it('refuses a second Force Backup while one is in flight, naming it', async () => {
    const first = await forceBackup(MB.tailspinOps, ORG.tailspin);
    const second = await forceBackup(MB.tailspinOps, ORG.tailspin);
    expect(second.status).toBe(409);
    expect(second.json.error).toMatchObject({ code: 'invalid_state', details: { task_id: first.json.task_id } });
    h.advance(3 * MINUTE);
    expect((await forceBackup(MB.tailspinOps, ORG.tailspin)).status).toBe(202);
  });

  it('holds the automatic retry while a Force Backup runs', async () => {
    h.advance(28 * MINUTE);
    await forceBackup(MB.tailspinOps, ORG.tailspin); // runs 28 → 31 min; the retry was due at 30
    h.advance(3 * MINUTE);
    expect(await backupOf(MB.tailspinOps, ORG.tailspin)).toMatchObject({ attempts: 8, next_attempt_at: isoAt(T0 + 61 * MINUTE) });
  });

  it('answers 404 for an unknown account or another organisation\'s account', async () => {
    expect((await forceBackup(123, ORG.tailspin)).status).toBe(404);
    expect((await forceBackup(MB.tailspinOps, ORG.contoso)).json.error.code).toBe('not_found');
  });

  it('answers 409 for a deactivated account', async () => {
    await h.admin('POST', `accounts/${MB.tailspinOps}`, { deactivated: true });
    expect((await forceBackup(MB.tailspinOps, ORG.tailspin)).json.error.code).toBe('invalid_state');
  });
});

describe('POST /accounts/{id}/reauthorize', () => {
  it('fixes a credentials problem: re-authorise, then Force Backup completes', async () => {
    const reauth = await runTask(reauthorize(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam);
    expect(reauth).toMatchObject({ type: 'reauthorize', status: 'succeeded', error: null });
    expect(await backupOf(MB.fabrikamJane, ORG.fabrikam)).toMatchObject({
      current_backup_status: 'Retrying', errors: {}, attempts: 0, next_attempt_at: isoAt(T0 + 33 * MINUTE),
    });
    const backup = await runTask(forceBackup(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam);
    expect(backup).toMatchObject({ status: 'succeeded' });
    expect(await backupOf(MB.fabrikamJane, ORG.fabrikam)).toMatchObject({
      current_backup_status: 'Completed', last_backup: isoAt(T0 + 6 * MINUTE), next_attempt_at: null,
    });
  });

  it('lets the next automatic retry succeed without a Force Backup', async () => {
    await runTask(reauthorize(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam);
    h.advance(30 * MINUTE);
    expect((await backupOf(MB.fabrikamJane, ORG.fabrikam)).current_backup_status).toBe('Completed');
  });

  it('revives a mailbox whose retries ran out on the credentials problem', async () => {
    h.advance(11 * HOUR);
    expect((await backupOf(MB.fabrikamJane, ORG.fabrikam)).current_backup_status).toBe('Failed');
    await runTask(reauthorize(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam);
    expect(await backupOf(MB.fabrikamJane, ORG.fabrikam)).toMatchObject({ current_backup_status: 'Retrying', attempts: 0 });
    expect(await runTask(forceBackup(MB.fabrikamJane, ORG.fabrikam), ORG.fabrikam)).toMatchObject({ status: 'succeeded' });
  });

  it('does not help a problem that is not about credentials', async () => {
    expect(await runTask(reauthorize(MB.tailspinOps, ORG.tailspin), ORG.tailspin)).toMatchObject({ status: 'succeeded' });
    expect(await runTask(forceBackup(MB.tailspinOps, ORG.tailspin), ORG.tailspin)).toMatchObject({ status: 'failed' });
  });

  it('is harmless on a healthy mailbox', async () => {
    expect(await runTask(reauthorize(MB.blueLightGordon, ORG.blueLight), ORG.blueLight)).toMatchObject({ status: 'succeeded' });
    expect(await statusOf(MB.blueLightGordon, ORG.blueLight)).toBe('Completed');
  });

  it('refuses a second re-authorisation in flight', async () => {
    await reauthorize(MB.fabrikamJane, ORG.fabrikam);
    expect((await reauthorize(MB.fabrikamJane, ORG.fabrikam)).status).toBe(409);
  });
});

describe('GET /tasks/{id}', () => {
  it('uses the task durations from the settings', async () => {
    await h.admin('POST', 'settings', { taskQueuedMs: 10 * MINUTE, taskRunningMs: 20 * MINUTE });
    const { json } = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    h.advance(10 * MINUTE - 1);
    expect((await taskOf(json.task_id, ORG.contoso)).status).toBe('queued');
    h.advance(1);
    expect((await taskOf(json.task_id, ORG.contoso)).status).toBe('running');
    h.advance(20 * MINUTE);
    expect((await taskOf(json.task_id, ORG.contoso)).status).toBe('succeeded');
  });

  it('finishes zero-length tasks on the next read', async () => {
    await h.admin('POST', 'settings', { taskQueuedMs: 0, taskRunningMs: 0 });
    const { json } = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    expect(await taskOf(json.task_id, ORG.contoso)).toMatchObject({ status: 'succeeded', finished_at: isoAt(T0) });
  });

  it('keeps a task\'s durations when the settings change later', async () => {
    const { json } = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    await h.admin('POST', 'settings', { taskQueuedMs: HOUR, taskRunningMs: HOUR });
    h.advance(3 * MINUTE);
    expect((await taskOf(json.task_id, ORG.contoso)).status).toBe('succeeded');
  });

  it('answers 404 for an unknown task and for another organisation\'s task', async () => {
    const { json } = await forceBackup(MB.contosoFrontDesk, ORG.contoso);
    expect((await h.get('/tasks/task_999', ORG.contoso)).status).toBe(404);
    const other = await h.get(`/tasks/${json.task_id}`, ORG.tailspin);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('not_found');
  });

  it('fails tasks in flight when the organisation is unsubscribed', async () => {
    const { json } = await forceBackup(MB.tailspinOps, ORG.tailspin);
    h.advance(MINUTE);
    await h.post('/users/20230/unsubscribe');
    h.advance(5 * MINUTE);
    expect(await taskOf(json.task_id, ORG.tailspin)).toMatchObject({
      status: 'failed', finished_at: isoAt(T0 + MINUTE), error: { code: 'backups_stopped' },
    });
    expect((await forceBackup(MB.tailspinOps, ORG.tailspin)).json.error.code).toBe('invalid_state');
  });
});

describe('GET /actions/{action}/{id}: ConnectWise configuration names resolve', () => {
  it('serves the backup action of an account (backup id = account id)', async () => {
    expect(await backupOf(MB.fabrikamJane, ORG.fabrikam)).toEqual({
      id: MB.fabrikamJane, action: 'backup', name: `uswest.backup.${MB.fabrikamJane}`, region: 'uswest',
      organization_id: ORG.fabrikam, account_id: MB.fabrikamJane, email: 'jane.doe@fabrikamlegal.com',
      status: 'auth_error', current_backup_status: 'Authentication Error',
      errors: { auth: 'AADSTS700082: The refresh token has expired due to inactivity.' },
      attempts: 3, max_attempts: 25, next_attempt_at: isoAt(T0 + 30 * MINUTE), last_backup: expect.any(String),
    });
  });

  it.each(['archive', 'restore', 'migrate', 'download'])('serves a recorded %s action', async (action) => {
    const created = await h.admin('POST', 'actions', { action, account_id: MB.fabrikamJane, status: 'failed', error: 'Item too large', id: 77 });
    expect(created.status).toBe(201);
    expect((await h.get(`/actions/${action}/77`, ORG.fabrikam)).json).toEqual({
      id: 77, action, name: `uswest.${action}.77`, region: 'uswest', organization_id: ORG.fabrikam, account_id: MB.fabrikamJane,
      email: 'jane.doe@fabrikamlegal.com', status: 'failed', created_at: isoAt(T0), finished_at: isoAt(T0), error: 'Item too large',
    });
  });

  it('numbers recorded actions when no id is given', async () => {
    const first = await h.admin('POST', 'actions', { action: 'restore', account_id: MB.blueLightGordon });
    const second = await h.admin('POST', 'actions', { action: 'restore', account_id: MB.blueLightGordon, status: 'running' });
    expect([first.json.id, second.json.id]).toEqual([1, 2]);
    expect((await h.get('/actions/restore/2', ORG.blueLight)).json).toMatchObject({ status: 'running', finished_at: null });
  });

  it('answers 404 for unknown actions, ids, or another organisation\'s record', async () => {
    await h.admin('POST', 'actions', { action: 'restore', account_id: MB.fabrikamJane, id: 5 });
    expect((await h.get('/actions/restore/5', ORG.blueLight)).status).toBe(404);
    expect((await h.get('/actions/restore/6', ORG.fabrikam)).status).toBe(404);
    expect((await h.get('/actions/teleport/5', ORG.fabrikam)).status).toBe(404);
    expect((await h.get(`/actions/backup/${MB.fabrikamJane}`, ORG.blueLight)).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { MINUTE, ORG, T0, vendorHarness } from './testkit';

const h = vendorHarness();
const impersonate = (org: number | string) => h.post(`/users/${org}/impersonate`);

describe('POST /users/{id}/impersonate', () => {
  it('answers 201 with a short-lived link to this simulator\'s portal', async () => {
    const answer = await impersonate(5979);
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      url: expect.stringMatching(new RegExp(`^${h.origin}/portal/impersonate\\?token=[0-9a-f]{32}$`)),
      expires_at: new Date(T0 + 5 * MINUTE).toISOString(),
    });
  });

  it('takes the lifetime from the settings', async () => {
    await h.admin('POST', 'settings', { impersonationTtlMs: 60 * MINUTE });
    expect((await impersonate(5979)).json.expires_at).toBe(new Date(T0 + 60 * MINUTE).toISOString());
  });

  it('works for a suspended organisation, not for an unsubscribed or deleted one', async () => {
    expect((await impersonate(ORG.proseware)).status).toBe(201);
    expect((await impersonate(ORG.litware)).json.error.code).toBe('invalid_state');
    await h.call('DELETE', '/users/5979');
    expect((await impersonate(5979)).status).toBe(409);
  });

  it('answers 404 for an unknown organisation', async () => {
    expect((await impersonate(1)).status).toBe(404);
  });
});

describe('GET /portal/impersonate', () => {
  it('shows the customer dashboard as in the Dropsuite guide', async () => {
    const page = await h.fetchUrl((await impersonate('1788161-14')).json.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('You are currently impersonating as gordon.packard@bluelight.com');
    expect(page.text).toContain('Blue Light, Co.');
    expect(page.text).toContain('12 seats of 12 seats used');
    expect(page.text).toMatch(/<td>gordon\.packard@bluelight\.com<\/td><td>\d+<\/td><td>[\d.]+ GB<\/td><td>2026-03-10 06:00:00 UTC<\/td><td>Completed<\/td>/);
  });

  it('shows failing mailboxes with their status', async () => {
    const page = await h.fetchUrl((await impersonate(ORG.contoso)).json.url);
    expect(page.text).toContain('<td>frontdesk@contosodental.com</td>');
    expect(page.text).toContain('Connection Error');
    expect(page.text).toContain('23 seats of 25 seats used');
  });

  it('escapes names', async () => {
    const obrien = await h.fetchUrl((await impersonate(ORG.obrien)).json.url);
    expect(obrien.text).toContain('O&#39;Brien &amp; Sons Plumbing');
    expect(obrien.text).not.toContain("O'Brien & Sons");
    const cafe = await h.fetchUrl((await impersonate(ORG.cafe)).json.url);
    expect(cafe.text).toContain('Café Zürich GmbH');
  });

  it('lists at most 100 mailboxes of a large organisation', async () => {
    const page = await h.fetchUrl((await impersonate(ORG.trey)).json.url);
    expect(page.text).toContain('1000 seats of 1000 seats used');
    expect(page.text).toContain('Showing 100 of 1000 accounts');
    expect(page.text.match(/<tr><td>/g)).toHaveLength(100);
  });

  it('works once: a second visit answers 410', async () => {
    const { url } = (await impersonate(5979)).json;
    expect((await h.fetchUrl(url)).status).toBe(200);
    const again = await h.fetchUrl(url);
    expect(again.status).toBe(410);
    expect(again.text).toContain('already been used');
  });

  it('expires after its lifetime on the simulated clock', async () => {
    const { url } = (await impersonate(5979)).json;
    h.advance(5 * MINUTE);
    const late = await h.fetchUrl(url);
    expect(late.status).toBe(410);
    expect(late.text).toContain('expired');
  });

  it('is refused once the organisation is deleted', async () => {
    const { url } = (await impersonate(5979)).json;
    await h.call('DELETE', '/users/5979');
    expect((await h.fetchUrl(url)).status).toBe(410);
  });

  it('answers 404 for a missing or unknown token', async () => {
    expect((await h.fetchUrl(`${h.origin}/portal/impersonate`)).status).toBe(404);
    expect((await h.fetchUrl(`${h.origin}/portal/impersonate?token=abc`)).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { CatalogItem } from '../../connectwise';
import { dayIn, firstOfNextMonth } from '../../domain';
import type { ClientProvider } from '../clients';
import type { SettingsService } from '../settings-service';
import {
  configure,
  cwList,
  manageRequests,
  technician,
  type RunningSimulators,
  useConfiguredSimulators,
} from './test-support';
import { readableDay } from './words';

// Contoso Dental Group (251): org 19771 bills 18 seats on "Email Backup" (19070); the vendor counts 25 purchased.
const CONTOSO = { orgId: '19771', agreementId: 19070 };
// Café Zürich GmbH (259): org 20610, 4 seats, linked, but "Managed Services" (19110) has no addition for it.
const CAFE = { orgId: '20610', agreementId: 19110 };

let sims: RunningSimulators;
let settings: SettingsService;

useConfiguredSimulators((env) => {
  ({ sims, settings } = env);
});

type Row = Record<string, unknown>;
const additions = (agreementId: number, orgId: string) =>
  cwList(sims, `finance/agreements/${agreementId}/additions`).filter((a) => a.serialNumber === `uswest.${orgId}`);
const contosoAddition = () => additions(CONTOSO.agreementId, CONTOSO.orgId)[0] as Row;
const productOf = (row: Row | undefined) => row?.product as { id?: number; identifier?: string } | undefined;
const additionWrites = () => manageRequests(sims).filter((r) => /^(POST|PATCH) finance\//.test(r));
const today = () => readableDay(dayIn(new Date(sims.clock.now())));
const nextFirst = () => firstOfNextMonth(new Date(sims.clock.now()));

const updateContoso = (expectedQuantity: number | null, quantity: number) => ({
  kind: 'update-agreement', ...CONTOSO, quantity,
  expected: { additionId: contosoAddition().id as number, quantity: expectedQuantity },
}) as const;

/** Retires the plan's catalog item (another identifier), as if it had never been created. */
async function retireCatalogItem(clients: ClientProvider) {
  const { client } = await clients.manage();
  await client.request('PATCH', 'procurement/catalog/301', CatalogItem, { json: [{ op: 'replace', path: 'identifier', value: 'uswest.4-retired' }] });
}

describe('update-agreement: a quantity change', () => {
  it('refuses when ConnectWise no longer shows what the panel showed', async () => {
    const settled = await technician(sims, settings).run(updateContoso(17, 25));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'changed-since',
        message: 'ConnectWise changed since you looked: the agreement now bills 18 seats for Contoso Dental Group (you saw 17 seats). Refresh and check before updating.',
      }),
    });
    expect(additionWrites()).toEqual([]);
  });

  it('refuses when the vendor no longer counts what the technician confirmed', async () => {
    const settled = await technician(sims, settings).run(updateContoso(18, 24));
    expect(settled).toMatchObject({ ok: false, error: { code: 'vendor-changed', message: expect.stringContaining('now counts 25 seats') } });
    expect(additionWrites()).toEqual([]);
  });

  it('patches the quantity once, even on a double click, and says what changed from when', async () => {
    const tech = technician(sims, settings);
    const first = tech.start(updateContoso(18, 25));
    const second = tech.start(updateContoso(18, 25));
    const message = `“Email Backup” now bills 25 seats for Contoso Dental Group (was 18), from ${today()}.`;
    expect(await first.done).toEqual({ ok: true, result: { message } });
    expect(await second.done).toEqual({ ok: true, result: { message } });
    expect(contosoAddition()).toMatchObject({ quantity: 25 });
    expect(additionWrites()).toEqual([`PATCH finance/agreements/19070/additions/${contosoAddition().id}`]);
    expect(first.invalidated).toEqual(['agreement:19070', 'company:251']);
  });

  it('never writes 0: a vendor count of 0 is refused', async () => {
    const zeroSeats = (clients: ClientProvider): ClientProvider => ({
      ...clients,
      vendor: async () => {
        const vendor = await clients.vendor();
        return {
          ...vendor,
          getOrganization: async (id: string) => {
            const org = await vendor.getOrganization(id);
            return { ...org, seats: { ...org.seats, purchased: 0, used: 0 } };
          },
        };
      },
    });
    const settled = await technician(sims, settings, { wrap: zeroSeats }).run(updateContoso(18, 25));
    expect(settled).toMatchObject({ ok: false, error: { code: 'zero-seats', message: expect.stringContaining('never writes 0') } });
    expect(additionWrites()).toEqual([]);
  });

  it('refuses when there is nothing to change', async () => {
    const [blueLight] = additions(19064, '5979');
    const settled = await technician(sims, settings).run({
      kind: 'update-agreement', orgId: '5979', agreementId: 19064, quantity: 12, expected: { additionId: blueLight?.id as number, quantity: 12 },
    });
    expect(settled).toMatchObject({ ok: false, error: { code: 'nothing-to-change', message: '“Dropsuite Email Backup” already bills 12 seats for Blue Light, Co.; nothing to change.' } });
  });

  it('says which permission the API member lacks', async () => {
    settings = await configure(sims, { member: 'limitedapi' });
    const settled = await technician(sims, settings).run(updateContoso(18, 25));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', message: expect.stringMatching(/^Could not change “Email Backup”: .*Finance › Agreements/), hint: expect.any(String) }),
    });
    expect(contosoAddition()).toMatchObject({ quantity: 18 });
  });
});

describe('update-agreement: a new addition', () => {
  const createCafe = { kind: 'update-agreement', ...CAFE, quantity: 4, expected: { additionId: null, quantity: null } } as const;

  it('adds the tenant’s addition from the 1st of next month with the plan’s catalog item', async () => {
    const settled = await technician(sims, settings).run(createCafe);
    expect(settled).toEqual({
      ok: true,
      result: { message: `Added 4 seats of Business Backup for Café Zürich GmbH to “Managed Services”, billed from ${readableDay(nextFirst())}.` },
    });
    const [addition, ...more] = additions(CAFE.agreementId, CAFE.orgId);
    expect(more).toEqual([]);
    expect(addition).toMatchObject({ quantity: 4, billCustomer: 'Billable', effectiveDate: `${nextFirst()}T00:00:00Z`, invoiceDescription: 'Business Backup – Café Zürich GmbH' });
    expect(productOf(addition)).toMatchObject({ id: 301, identifier: 'uswest.4' });
  });

  it('creates the catalog item with the mapped category, subcategory and type when it is missing', async () => {
    const tech = technician(sims, settings);
    await retireCatalogItem(tech.clients);
    const settled = await tech.run(createCafe);
    expect(settled).toMatchObject({ ok: true, result: { message: expect.stringContaining('(catalog item uswest.4 created)') } });
    const item = cwList(sims, 'procurement/catalog').find((c) => c.identifier === 'uswest.4');
    expect(item).toMatchObject({ description: 'Business Backup', price: 2.5, recurringFlag: true, subcategory: { id: 12 }, type: { id: 1 }, category: { id: 1 } });
    expect(productOf(additions(CAFE.agreementId, CAFE.orgId)[0])?.id).toBe(item?.id);
  });

  it('refuses a second addition for a tenant another agreement of the company already bills', async () => {
    const settled = await technician(sims, settings).run({
      kind: 'update-agreement', orgId: '5979', agreementId: 19065, quantity: 12, expected: { additionId: null, quantity: null },
    });
    expect(settled).toMatchObject({ ok: false, error: { code: 'billed-elsewhere', message: expect.stringContaining('“Dropsuite Email Backup”') } });
    expect(additions(19065, '5979')).toEqual([]);
  });

  it('names the billing agreement on a tenant link that had none', async () => {
    const tech = technician(sims, settings);
    await tech.run({ kind: 'link-tenant', companyId: 255, orgId: '20412', agreementId: null });
    const settled = await tech.run({ kind: 'update-agreement', orgId: '20412', agreementId: 19090, quantity: 4, expected: { additionId: null, quantity: null } });
    expect(settled).toMatchObject({ ok: true });
    const link = cwList(sims, 'company/configurations').find((c) => c.name === 'uswest.tenant.20412');
    expect(link).toMatchObject({ tagNumber: '19090' });
  });

  it('refuses with a set-up hint when the catalog item is missing and the product mappings are not set', async () => {
    settings = await configure(sims, { withoutMappings: ['productCategoryId', 'productSubcategoryId', 'productTypeId'] });
    const tech = technician(sims, settings);
    await retireCatalogItem(tech.clients);
    const settled = await tech.run(createCafe);
    expect(settled).toMatchObject({ ok: false, error: { code: 'mapping-missing', hint: expect.stringContaining('mappings step') } });
    expect(additions(CAFE.agreementId, CAFE.orgId)).toEqual([]);
  });
});

describe('update-agreement: an unsubscribed tenant', () => {
  it('cancels the addition from the 1st of next month', async () => {
    const tech = technician(sims, settings);
    await (await tech.clients.vendor()).unsubscribe('20230');
    const [addition] = additions(19080, '20230');
    const settled = await tech.run({
      kind: 'update-agreement', orgId: '20230', agreementId: 19080, quantity: null, expected: { additionId: addition?.id as number, quantity: 6 },
    });
    expect(settled).toEqual({
      ok: true,
      result: { message: `“Dropsuite Email Backup” stops billing Tailspin Toys (unsubscribed at the vendor): the addition is cancelled from ${readableDay(nextFirst())}.` },
    });
    expect(additions(19080, '20230')[0]).toMatchObject({ quantity: 6, cancelledDate: `${nextFirst()}T00:00:00Z` });
  });

  it('refuses a quantity confirmed for a tenant that has stopped since: nothing written', async () => {
    const tech = technician(sims, settings);
    await (await tech.clients.vendor()).unsubscribe('20230');
    const [addition] = additions(19080, '20230');
    const settled = await tech.run({
      kind: 'update-agreement', orgId: '20230', agreementId: 19080, quantity: 6, expected: { additionId: addition?.id as number, quantity: 6 },
    });
    expect(settled).toMatchObject({ ok: false, error: { code: 'vendor-changed', message: expect.stringContaining('its addition should end (you confirmed 6 seats)') } });
    expect(additions(19080, '20230')[0]?.cancelledDate ?? null).toBeNull();
  });

  it('refuses an end confirmed for a tenant that is billing again: nothing written', async () => {
    const tech = technician(sims, settings);
    const [addition] = additions(19070, '19771');
    const settled = await tech.run({
      kind: 'update-agreement', orgId: '19771', agreementId: 19070, quantity: null, expected: { additionId: addition?.id as number, quantity: 18 },
    });
    expect(settled).toMatchObject({ ok: false, error: { code: 'vendor-changed', message: expect.stringContaining('(you confirmed ending its addition)') } });
    expect(additions(19070, '19771')[0]).toMatchObject({ quantity: 18 });
    expect(additions(19070, '19771')[0]?.cancelledDate ?? null).toBeNull();
  });
});

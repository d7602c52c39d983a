import { isVendorError } from '../../vendor';
import type { ActionContext, ActionResult, RunnableAction } from './types';

type Impersonate = Extract<RunnableAction, { kind: 'impersonate' }>;

/**
 * "Open the vendor portal as this customer": the vendor's short-lived "Login as Client" link.
 * Where the API offers no such link (vendor-unsupported, or a read-only API tier), the portal
 * itself opens and the technician impersonates from there.
 */
export async function impersonate({ orgId }: Impersonate, context: ActionContext): Promise<ActionResult> {
  const vendor = await context.clients.vendor();
  try {
    const link = await vendor.impersonationLink(orgId);
    await context.openTab(link.url);
    return { message: 'Opened the vendor portal as this customer in a new tab (the link works once).' };
  } catch (error) {
    if (!isVendorError(error, 'vendor-unsupported') && !isVendorError(error, 'vendor-read-only')) throw error;
    await context.openTab(vendor.portalUrl());
    return {
      message: 'The vendor’s API cannot sign in as this customer, so the vendor portal opened instead: '
        + 'find the organisation there and use its “Impersonate” (Login as Client) button.',
    };
  }
}

export async function openPortal(context: ActionContext): Promise<ActionResult> {
  const vendor = await context.clients.vendor();
  await context.openTab(vendor.portalUrl());
  return { message: 'Opened the vendor portal in a new tab.' };
}

import { AppError } from '../errors';
import { discoveryOrigins } from '../connectwise/discovery';
import { parseSiteInput, originPattern } from '../connectwise/site';
import type { PublicSettings } from '../messages/settings';
import { ManageSettings, VendorSettings } from '../settings';

/** The set-up wizard's rules that do not need the background: validation and what to ask the browser for. */

type Errors = Record<string, string | undefined>;

const firstIssue = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? undefined : result.error?.issues[0]?.message;

function keyPairErrors(names: [string, string], labels: [string, string], values: Record<string, string>, saved: boolean): Errors {
  const [a, b] = names;
  const typedAny = Boolean(values[a]?.trim() || values[b]?.trim());
  if (saved && !typedAny) return {};
  return {
    [a]: values[a]?.trim() ? undefined : saved ? `Enter the ${labels[0]} too, or leave both empty to keep the saved ones.` : `Enter the ${labels[0]}.`,
    [b]: values[b]?.trim() ? undefined : saved ? `Enter the ${labels[1]} too, or leave both empty to keep the saved ones.` : `Enter the ${labels[1]}.`,
  };
}

export function validateManageForm(values: Record<string, string>, keysSaved: boolean): Errors {
  let site: string | undefined;
  try {
    parseSiteInput(values.site ?? '');
  } catch (error) {
    site = AppError.from(error).message;
  }
  return {
    site,
    companyId: values.companyId?.trim() ? undefined : 'Enter the company id you type at the Manage login.',
    clientId: firstIssue(ManageSettings.shape.clientId.safeParse(values.clientId ?? '')),
    apiMember: values.apiMember?.trim() ? firstIssue(ManageSettings.shape.apiMember.safeParse(values.apiMember)) : undefined,
    ...keyPairErrors(['publicKey', 'privateKey'], ['public key', 'private key'], values, keysSaved),
  };
}

export function validateVendorForm(values: Record<string, string>, keysSaved: boolean): Errors {
  return {
    apiUrl: firstIssue(VendorSettings.shape.apiUrl.safeParse(values.apiUrl ?? '')),
    regionCode: firstIssue(VendorSettings.shape.regionCode.safeParse(values.regionCode ?? '')),
    portalUrl: values.portalUrl?.trim() ? firstIssue(VendorSettings.shape.apiUrl.safeParse(values.portalUrl)) : undefined,
    ...keyPairErrors(['resellerToken', 'accessToken'], ['reseller token', 'access token'], values, keysSaved),
  };
}

/**
 * The host permissions to ask for before the first connection: the hosts discovery contacts (the
 * Manage web client, where panels run, and for cloud sites its `api-` twin), plus any API origin
 * the background reported as still missing after a previous discovery.
 */
export function manageOriginPatterns(site: string, alsoNeeded: readonly string[] = []): string[] {
  return [...new Set([...discoveryOrigins(site), ...alsoNeeded].map(originPattern))];
}

export function vendorOriginPatterns(apiUrl: string, portalUrl?: string): string[] {
  return [...new Set([apiUrl, portalUrl].filter((u): u is string => Boolean(u?.trim())).map((u) => originPattern(new URL(u).origin)))];
}

export interface SetupSummaryItem {
  step: 'manage' | 'vendor' | 'mappings';
  label: string;
  ok: boolean;
  missing?: string;
}

export function summarizeSetup(settings: PublicSettings, manageReachable: boolean): SetupSummaryItem[] {
  const m = settings.mappings;
  const ticketMappings = [m.serviceBoardId, m.statusNewId, m.statusClosedId, m.statusCancelledId].every((v) => v !== undefined);
  const productMappings = [m.productCategoryId, m.productSubcategoryId, m.productTypeId].every((v) => v !== undefined);
  const missingOf = (parts: Array<[boolean, string]>) => parts.filter(([ok]) => !ok).map(([, what]) => what).join(', ');
  return [
    {
      step: 'manage',
      label: 'ConnectWise Manage connection',
      ok: Boolean(settings.manage && settings.hasManageKeys && manageReachable),
      missing: missingOf([[Boolean(settings.manage), 'site and company id'], [settings.hasManageKeys, 'API keys'], [manageReachable, 'permission to reach the site']]),
    },
    {
      step: 'vendor',
      label: 'Backup vendor connection',
      ok: Boolean(settings.vendor && settings.hasVendorKeys),
      missing: missingOf([[Boolean(settings.vendor), 'API address and region'], [settings.hasVendorKeys, 'tokens']]),
    },
    { step: 'mappings', label: 'Ticket board and statuses', ok: ticketMappings, missing: 'board, New / Closed / Cancelled statuses' },
    { step: 'mappings', label: 'Product category, subcategory and type for plans', ok: productMappings, missing: 'category, subcategory and type' },
  ];
}

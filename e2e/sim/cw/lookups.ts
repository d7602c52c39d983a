/**
 * Fixed setup-table values (locations, agreement types, statuses...) that records refer to but
 * that the simulator does not serve as collections. References to them are validated (by id or
 * name) and presented with their `_info` href like any other reference. `path` is the real
 * collection the href points at (spec 2025.1 path list).
 */

export interface LookupItem {
  id: number;
  name: string;
}

export interface Lookup {
  path: string;
  hrefKey: string;
  items: readonly LookupItem[];
}

const lookup = (path: string, hrefKey: string, names: Record<number, string>): Lookup => ({
  path,
  hrefKey,
  items: Object.entries(names).map(([id, name]) => ({ id: Number(id), name })),
});

export const LOCATIONS = lookup('system/locations', 'location_href', { 1: 'Tampa Office', 2: 'Remote' });
export const DEPARTMENTS = lookup('system/departments', 'department_href', { 1: 'Professional Services', 2: 'Service Desk', 3: 'Administration' });
export const AGREEMENT_TYPES = lookup('finance/agreements/types', 'type_href', { 1: 'Block Time - Recurring', 2: 'Managed Services - Recurring' });
export const BILLING_CYCLES = lookup('finance/billingCycles', 'billingCycle_href', { 1: 'Monthly', 2: 'Quarterly', 3: 'Annual' });
export const BILLING_TERMS = lookup('finance/billingTerms', 'billingTerms_href', { 1: 'Net 30 days' });
export const CURRENCIES = lookup('finance/currencies', 'currency_href', { 7: 'US Dollars' });
export const COMPANY_STATUSES = lookup('company/companies/statuses', 'status_href', { 1: 'Active', 2: 'Inactive', 3: 'Credit Hold' });
export const COMPANY_TYPES = lookup('company/companies/types', 'type_href', { 1: 'Client', 2: 'Vendor', 3: 'Prospect', 5: 'Owner' });
export const COUNTRIES = lookup('company/countries', 'country_href', { 1: 'United States', 14: 'Switzerland' });
export const COMMUNICATION_TYPES = lookup('company/communicationTypes', 'type_href', { 1: 'Email', 2: 'Direct', 3: 'Cell', 4: 'Fax' });
export const CONFIGURATION_STATUSES = lookup('company/configurations/statuses', 'status_href', { 1: 'Active', 2: 'Inactive' });
export const UNITS_OF_MEASURE = lookup('procurement/unitOfMeasures', 'unitOfMeasure_href', { 1: 'Each', 2: 'Month' });
export const TIME_ZONES = lookup('system/timeZoneSetups', 'timeZoneSetup_href', { 1: 'Eastern Standard Time', 2: 'Pacific Standard Time' });
/** Menu locations have no collection in the spec; hrefs are left out. */
export const MENU_LOCATIONS = lookup('', '', { 1: 'Companies', 2: 'Finance', 3: 'Service Desk', 4: 'Procurement', 5: 'System' });

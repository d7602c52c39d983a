import type { SettingsDocument } from '../../lib/settings';
import { API_KEYS, BOARDS, CLIENT_ID, LOGIN_COMPANIES, PRIORITIES, PRODUCT_CATEGORIES, PRODUCT_TYPES, REGION, VENDOR_CREDENTIALS } from './world';

const backupBoard = BOARDS.find((b) => b.name === 'Backup Alerts')!;
const status = (name: string) => backupBoard.statuses.find((s) => s.name === name)!.id;
const priority = (prefix: string) => PRIORITIES.find((p) => p.name.startsWith(prefix))!.id;

/**
 * A complete settings document for the simulators: what the demo imports, what e2e tests start
 * from, and what `npm run sim` prints for pasting into the options page's import box.
 */
export function demoSettingsDocument(urls: { manageUrl: string; vendorApiUrl: string }): SettingsDocument {
  const key = API_KEYS.find((k) => k.member === 'bbridgeapi' && k.state === 'active')!;
  return {
    version: 1,
    manage: {
      site: urls.manageUrl,
      companyId: LOGIN_COMPANIES[0].companyId,
      clientId: CLIENT_ID,
      publicKey: key.publicKey,
      privateKey: key.privateKey,
    },
    vendor: {
      apiUrl: urls.vendorApiUrl,
      regionCode: REGION,
      resellerToken: VENDOR_CREDENTIALS.resellerToken,
      accessToken: VENDOR_CREDENTIALS.adminToken,
    },
    mappings: {
      serviceBoardId: backupBoard.id,
      statusNewId: status('New'),
      statusClosedId: status('Closed'),
      statusCancelledId: status('Cancelled'),
      priorityIds: { high: priority('Priority 2'), medium: priority('Priority 3'), low: priority('Priority 4') },
      productCategoryId: PRODUCT_CATEGORIES[0]!.id,
      productSubcategoryId: PRODUCT_CATEGORIES[0]!.subcategories[1]!.id,
      productTypeId: PRODUCT_TYPES[0]!.id,
    },
  };
}

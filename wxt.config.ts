import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Cloud hosts of the Manage web client and of its REST twin (api-*). On-prem hosts are user data:
// they are requested at runtime through optional_host_permissions and never listed here.
const MANAGE_CLOUD_HOSTS = [
  'https://*.myconnectwise.net/*',
  'https://*.connectwisedev.com/*',
];
// Dropsuite / NinjaOne SaaS Backup regional API hosts (see ../shared/reference/vendor-api.md §1.1).
const VENDOR_HOSTS = [
  'https://dropsuite.us/*',
  'https://dropsuite.uk/*',
  'https://*.dropsuite.com/*',
  'https://*.dropmyemail.com/*',
  'https://*.backup.ninjarmm.com/*',
];
// The e2e build talks to the simulators on loopback; pre-granting that origin is the only way to
// test a permission Chromium would otherwise ask for in a dialog Playwright cannot click.
const E2E_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, mode }) => ({
    name: 'Backup Bridge',
    description: 'Cloud email backup health, seats and one-click fixes inside ConnectWise Manage.',
    permissions: ['storage', 'scripting', 'alarms'],
    host_permissions: mode === 'e2e' ? E2E_HOSTS : [],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox'
      ? {
          // Firefox reads managed storage from its enterprise policies ("3rdparty"), without a schema.
          browser_specific_settings: {
            gecko: {
              id: 'backup-bridge@backupbridge.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['authenticationInfo', 'websiteContent'] },
            },
          },
        }
      : { storage: { managed_schema: 'managed-schema.json' } }),
  }),
});
export { MANAGE_CLOUD_HOSTS, VENDOR_HOSTS };

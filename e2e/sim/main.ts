/**
 * `npm run sim`: both simulators in the foreground.
 * Ports: BB_SIM_MANAGE_PORT (default 8510), BB_SIM_VENDOR_PORT (default 8520), host BB_SIM_HOST.
 */
import { demoSettingsDocument } from './demo-settings';
import { startSimulators } from './server';
import { LOGIN_COMPANIES } from './world';

const port = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    console.error(`${name} must be a port number (0-65535), not "${value}"`);
    process.exit(2);
  }
  return parsed;
};

const sims = await startSimulators({
  host: process.env.BB_SIM_HOST || '127.0.0.1',
  managePort: port('BB_SIM_MANAGE_PORT', 8510),
  vendorPort: port('BB_SIM_VENDOR_PORT', 8520),
});
const company = LOGIN_COMPANIES[0];
console.log(`ConnectWise Manage simulator  ${sims.manageUrl}
  company info     ${sims.manageUrl}/login/companyinfo/${company.companyId}
  REST API         ${sims.manageUrl}/${company.codebase}apis/3.0/
  Company screen   ${sims.manageUrl}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250
  Ticket screen    ${sims.manageUrl}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456
Vendor simulator               ${sims.vendorApiUrl}
Admin (either port)            POST /__sim/reset, POST /__sim/clock {"advanceMs":1800000}, /__sim/manage/…, /__sim/vendor/…

Demo settings (Backup Bridge options page → Import settings):
${JSON.stringify(demoSettingsDocument(sims), null, 2)}

Press Ctrl+C to stop.`);

const stop = () => void sims.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

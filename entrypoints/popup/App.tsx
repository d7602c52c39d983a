import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AppError, type AppErrorData } from '../../lib/errors';
import { statusGet, type IntegrationStatus } from '../../lib/messages/settings';
import { askBackground } from '../../lib/ui/background';

export function App() {
  const [status, setStatus] = useState<IntegrationStatus | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    askBackground(statusGet, {}).then(setStatus, (e: unknown) => setError(AppError.from(e).data));
  }, []);
  return (
    <main class="bb-popup">
      <h1>Backup Bridge</h1>
      {error && <ErrorMessage error={error} />}
      {status && (
        <ul class="bb-status">
          <li data-status={status.manageConfigured ? 'ok' : 'missing'}>
            ConnectWise Manage: {status.manageConfigured ? 'configured' : 'not configured'}
          </li>
          <li data-status={status.vendorConfigured ? 'ok' : 'missing'}>
            Backup vendor: {status.vendorConfigured ? 'configured' : 'not configured'}
          </li>
        </ul>
      )}
      <button type="button" class="bb-button" onClick={() => void browser.runtime.openOptionsPage()}>
        Open set-up
      </button>
    </main>
  );
}

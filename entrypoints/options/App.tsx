import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SettingsImport } from '../../components/SettingsImport';
import { SettingsSummary } from '../../components/SettingsSummary';
import { AppError, type AppErrorData } from '../../lib/errors';
import { settingsGet, settingsImport, type PublicSettings } from '../../lib/messages/settings';
import { askBackground } from '../../lib/ui/background';

export function App() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    askBackground(settingsGet, {}).then(setSettings, (e: unknown) => setError(AppError.from(e).data));
  }, []);

  return (
    <main class="bb-page">
      <h1>Backup Bridge set-up</h1>
      {error && <ErrorMessage error={error} />}
      {settings && <SettingsSummary settings={settings} />}
      <SettingsImport
        onImport={async (document) => {
          const result = await askBackground(settingsImport, { document });
          setSettings(result.settings);
          return result;
        }}
      />
    </main>
  );
}

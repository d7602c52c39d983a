import type { Worker } from '@playwright/test';

declare const chrome: {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

/**
 * The name this browser writes in ticket notes ("Started by Asha Kumar…"). It is a per-browser
 * setting (StoredSettings.technician) that no settings document carries, so tests set it where the
 * background reads it. Without it every browser is "a Backup Bridge user".
 */
export async function nameTechnician(serviceWorker: Worker, name: string): Promise<void> {
  await serviceWorker.evaluate(async (technician) => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), technician } });
  }, name);
}

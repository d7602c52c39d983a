import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PopupStatus, type SetupSection } from '../../components/PopupStatus';
import { AppError, type AppErrorData } from '../../lib/errors';
import { openTab, popupStatus, type PopupStatus as Status } from '../../lib/messages/popup';
import { askBackground } from '../../lib/ui/background';

/** While the background says it is still refreshing, look again this often. */
const FOLLOW_MS = 2_000;

export function App() {
  const status = useSignal<Status | null>(null);
  const error = useSignal<AppErrorData | null>(null);
  const loading = useSignal(true);

  async function load(refresh: boolean) {
    loading.value = true;
    try {
      const next = await askBackground(popupStatus, { refresh });
      status.value = next;
      error.value = null;
      if (next.refreshing) setTimeout(() => void load(false), FOLLOW_MS);
    } catch (failure) {
      error.value = AppError.from(failure).data;
    } finally {
      loading.value = false;
    }
  }

  async function open(url: string) {
    try {
      await askBackground(openTab, { url });
      window.close();
    } catch (failure) {
      error.value = AppError.from(failure).data;
    }
  }

  useEffect(() => {
    void load(false);
  }, []);

  return (
    <PopupStatus
      status={status.value}
      error={error.value}
      loading={loading.value}
      now={Date.now()}
      onRefresh={() => void load(true)}
      onOpen={(url) => void open(url)}
      onOpenSetup={(section?: SetupSection) =>
        void open(`${browser.runtime.getURL('/options.html')}${section ? `#${section}` : ''}`)
      }
    />
  );
}

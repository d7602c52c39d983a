import '../lib/zod-setup';
import { startManageOverlay } from '../lib/features/overlay';

// Registered at runtime by the background for the configured Manage origin only (the origin is
// user data: cloud or on-prem), so the static manifest lists no content-script matches.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    startManageOverlay(ctx);
  },
});

import { wakeBackground } from '../lib/ui/wake';

// Registered at runtime with the Manage script, but at document start: a page load wakes a
// sleeping service worker long before the screen renders and its panel connects.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    wakeBackground();
  },
});

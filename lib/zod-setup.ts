// Imported first by every entrypoint: MV3 forbids eval, and zod 4 would otherwise probe for it
// (and log a CSP violation) before any schema is used. The setting is shared by zod and zod/mini;
// importing it from zod/mini keeps the content script free of the larger classic API.
import * as z from 'zod/mini';

z.config({ jitless: true });

// Imported first by every entrypoint: MV3 forbids eval, and zod 4 would otherwise probe for it
// (and log a CSP violation) before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });

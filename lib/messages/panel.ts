// zod/mini: content scripts send these; the content script has a 40 KB budget.
import * as z from 'zod/mini';
import { defineMessage } from '../messaging';

/** The screen a content script sees (lib/manage's ScreenState, as sent over the wire). */
export const ScreenKind = z.enum(['company', 'agreement', 'ticket']);
export type ScreenKind = z.infer<typeof ScreenKind>;

const Id = z.number().check(z.int(), z.positive());
const Text = (max: number) => z.optional(z.string().check(z.maxLength(max)));

export const ScreenRef = z.object({
  kind: ScreenKind,
  recordId: z.nullable(Id),
  label: z._default(
    z.object({
      identifier: Text(200),
      name: Text(200),
      ticketNumber: z.optional(Id),
      summary: Text(300),
      companyName: Text(200),
    }),
    {},
  ),
});
export type ScreenRef = z.infer<typeof ScreenRef>;

/** Content scripts cannot open the options page themselves. */
export const optionsOpen = defineMessage({
  type: 'options/open',
  from: 'anyone',
  request: z.object({}),
  response: z.object({}),
});

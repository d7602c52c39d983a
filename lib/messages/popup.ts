import { z } from 'zod';
import { AppErrorData } from '../errors';
import { defineMessage } from '../messaging';

/** The popup's "integration at a glance", computed and cached by the background. */
export const ConnectionState = z.object({
  state: z.enum(['ok', 'error', 'not-configured']),
  /** What went wrong, when state is error. */
  error: z.optional(AppErrorData),
  checkedAt: z.string().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

const Count = z.number().int().nonnegative().nullable();

/** Every row links to the Manage screen where the technician acts on it. */
const Row = { url: z.string(), companyName: z.string() };

export const PopupStatus = z.object({
  manage: ConnectionState,
  vendor: ConnectionState,
  /** When the counts were computed; null before the first refresh. */
  refreshedAt: z.string().nullable(),
  refreshing: z.boolean(),
  /** Null when what it counts could not be read (the API it needs is down): never a made-up zero. */
  counts: z.object({
    linkedTenants: Count,
    agreementsWithDrift: Count,
    failingMailboxes: Count,
    openBackupTickets: Count,
  }),
  tenants: z.array(z.object({ ...Row, orgName: z.string(), state: z.string() })),
  drift: z.array(z.object({ ...Row, orgName: z.string(), agreementId: z.number().int(), billed: z.number().nullable(), target: z.number().nullable() })),
  failing: z.array(z.object({ ...Row, orgName: z.string(), email: z.string(), status: z.string() })),
  tickets: z.array(z.object({ ...Row, ticketId: z.number().int(), summary: z.string() })),
});
export type PopupStatus = z.infer<typeof PopupStatus>;

export const popupStatus = defineMessage({
  type: 'popup/status',
  from: 'pages',
  /** `refresh`: recompute now even if the cached status is fresh. */
  request: z.object({ refresh: z.boolean() }),
  response: PopupStatus,
});

/** Open a URL (a Manage screen, the options page) in a new tab. */
export const openTab = defineMessage({
  type: 'tabs/open',
  from: 'pages',
  request: z.object({ url: z.string().url() }),
  response: z.object({}),
});

import type { ManageClient } from '../../connectwise';
import type { Mappings } from '../../settings';
import type { VendorClient } from '../../vendor';
import type { ActionContext } from './types';

/** What most actions work with: both clients, the vendor's region code and the mappings. */
export interface Connected {
  manage: ManageClient;
  vendor: VendorClient;
  /** e.g. `uswest`, the first part of every name the integration writes. */
  region: string;
  mappings: Mappings;
}

/** Both clients; each throws the set-up error ("not set up yet…") when its part is missing. */
export async function connect(context: ActionContext): Promise<Connected> {
  const [{ client }, vendor, { settings }] = await Promise.all([
    context.clients.manage(),
    context.clients.vendor(),
    context.settings.load(),
  ]);
  // The vendor client exists only when settings.vendor does, so the region is always there.
  return { manage: client, vendor, region: settings.vendor?.regionCode ?? '', mappings: settings.mappings };
}

import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { collection, createOnce, findFirst, Flag, Id, Info, listAllOf, opt, Ref, Text } from './common';

/** Custom menu entries (System › Custom Menu Entry), e.g. "Dropsuite Email Backup" under Service Desk. */

export const MenuEntry = z.looseObject({
  id: Id,
  menuLocation: Ref,
  caption: z.string(),
  link: Text,
  newWindowFlag: Flag,
  origin: Text,
  clientId: Text,
  locationIds: opt(z.array(z.number())),
  _info: Info,
});
export type MenuEntry = z.infer<typeof MenuEntry>;

export const MENU_ENTRIES = collection('system/menuentries', MenuEntry);

export const listMenuEntries = (client: ManageClient) => listAllOf(client, MENU_ENTRIES);

export const findMenuEntry = (client: ManageClient, caption: string) =>
  findFirst(client, MENU_ENTRIES, { conditions: where.eq('caption', caption) });

export interface NewMenuEntry {
  /** Max 50 characters. */
  caption: string;
  /** Max 2000 characters. */
  link: string;
  /** e.g. the Service Desk menu's location id. */
  menuLocationId: number;
  newWindowFlag?: boolean;
  origin?: string;
  /** Show it in every business location (else Manage's default). */
  allLocations?: boolean;
}

export const createMenuEntry = (client: ManageClient, input: NewMenuEntry) =>
  createOnce(client, MENU_ENTRIES, {
    caption: input.caption,
    link: input.link,
    menuLocation: { id: input.menuLocationId },
    newWindowFlag: input.newWindowFlag ?? true,
    ...(input.origin === undefined ? {} : { origin: input.origin }),
    ...(input.allLocations ? { addAllLocations: true } : {}),
  }, (scoped) => findMenuEntry(scoped, input.caption));

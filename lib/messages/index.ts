import { optionsOpen, panelOpen } from './panel';
import { settingsExport, settingsGet, settingsImport, statusGet } from './settings';

/** Every message the background answers. Senders import single definitions from the files. */
export const MESSAGES = [settingsGet, settingsImport, settingsExport, statusGet, optionsOpen, panelOpen] as const;
export type Message = (typeof MESSAGES)[number];

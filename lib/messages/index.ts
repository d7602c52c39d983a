import { optionsOpen } from './panel';
import { openTab, popupStatus } from './popup';
import { settingsExport, settingsGet, settingsImport } from './settings';
import {
  setupChoices, setupSaveManage, setupSaveMappings, setupSaveTechnician, setupSaveVendor, setupTestManage, setupTestVendor,
} from './setup';

/** Every message the background answers. Senders import single definitions from the files. */
export const MESSAGES = [
  settingsGet, settingsImport, settingsExport, optionsOpen, popupStatus, openTab,
  setupSaveManage, setupTestManage, setupSaveVendor, setupTestVendor, setupChoices, setupSaveMappings, setupSaveTechnician,
] as const;
export type Message = (typeof MESSAGES)[number];

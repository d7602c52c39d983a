import {
  listBoards,
  listBoardStatuses,
  listCategories,
  listPriorities,
  listProductTypes,
  listSubcategories,
  requiredOrigins,
  testManageConnection,
} from '../connectwise';
import { AppError } from '../errors';
import type { ManageCheck, MappingChoices, PermissionCheck, VendorCheck } from '../messages/setup';
import type { ClientProvider, ClientProviderOptions } from './clients';
import type { SettingsService } from './settings-service';

/** Manage's security-role screen spells the levels this way. */
const LEVEL_NAMES = { add: 'Add', edit: 'Edit', delete: 'Delete', inquire: 'Inquire' } as const;

/** The set-up wizard's checks: prove each connection and fetch what the mappings step offers. */
export function createSetupService(deps: {
  settings: SettingsService;
  clients: ClientProvider;
  hasOrigins: NonNullable<ClientProviderOptions['hasOrigins']>;
  fetch?: typeof fetch;
}) {
  return {
    async testManage(): Promise<ManageCheck> {
      const { settings, secrets } = await deps.settings.load();
      if (!settings.manage || !secrets.manage) {
        throw new AppError({ code: 'manage-not-configured', message: 'Enter and save the Manage connection first.' });
      }
      await deps.clients.forgetSite();
      const report = await testManageConnection({
        site: settings.manage.site,
        companyId: settings.manage.companyId,
        clientId: settings.manage.clientId,
        ...secrets.manage,
        ...(settings.manage.apiMember ? { apiMemberIdentifier: settings.manage.apiMember } : {}),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      // Discovery may put the API on another host than the one the person typed (api- hosts).
      const origins = requiredOrigins(report.site);
      if (!(await deps.hasOrigins(origins))) {
        throw new AppError({
          code: 'permission-needed',
          message: `The Manage API is at ${new URL(report.apiBaseUrl).origin}; Backup Bridge needs your permission to reach it.`,
          hint: 'Click “Save and test connection” again and allow it.',
          field: 'manage.site',
          details: origins.map((origin) => ({ field: 'origin', message: origin })),
        });
      }
      await deps.clients.rememberSite(report.site);
      const permissions: PermissionCheck[] = report.permissions.checks.flatMap((check) =>
        check.required.map((level) => ({ module: check.module, level: LEVEL_NAMES[level], state: check.levels[level] ?? 'unknown' })),
      );
      return {
        companyName: report.companyName,
        version: report.version ?? report.serverVersion ?? 'unknown version',
        codebase: report.codebase,
        isCloud: report.isCloud,
        apiBaseUrl: report.apiBaseUrl,
        member: report.member,
        permissions,
      };
    },

    async testVendor(): Promise<VendorCheck> {
      return (await deps.clients.vendor()).testConnection();
    },

    /** Boards with their statuses, priorities, and the product catalog's categories and types, live from Manage. */
    async choices(): Promise<MappingChoices> {
      const { client } = await deps.clients.manage();
      const [boards, priorities, categories, subcategories, productTypes] = await Promise.all([
        listBoards(client),
        listPriorities(client),
        listCategories(client),
        listSubcategories(client),
        listProductTypes(client),
      ]);
      const statuses = await Promise.all(boards.map((board) => listBoardStatuses(client, board.id)));
      const choice = (r: { id: number; name: string }) => ({ id: r.id, name: r.name });
      return {
        boards: boards.map((board, i) => ({
          ...choice(board),
          statuses: (statuses[i] ?? []).filter((s) => !s.inactive).map((s) => ({ ...choice(s), closed: Boolean(s.closedStatus) })),
        })),
        priorities: priorities.map(choice),
        categories: categories.map((category) => ({
          ...choice(category),
          subcategories: subcategories.filter((s) => s.category?.id === category.id && !s.inactiveFlag).map(choice),
        })),
        productTypes: productTypes.map(choice),
      };
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;

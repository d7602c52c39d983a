import { expect, type Locator, type Page } from '@playwright/test';
import type { RunningSimulators } from '../sim/server';
import { escapeRegExp } from '../support/text';
import { openManageScreen, panelHost, panelState } from './manage';

/**
 * The three Backup Bridge panels on Manage screens, as a technician finds them: by roles, labels
 * and visible words. Locators pierce the panel's open shadow root.
 */

type PanelKind = 'company' | 'agreement' | 'ticket';
export type PanelState = 'loading' | 'ready' | 'refreshing' | 'unavailable';

const TITLES: Readonly<Record<PanelKind, string>> = { company: 'Email backup', agreement: 'Backup seats', ticket: 'Backup ticket' };


/** What every screen panel has: its host in Manage, its state, the header, errors, confirmations. */
export class ScreenPanel {
  constructor(
    readonly page: Page,
    readonly kind: PanelKind,
  ) {}

  /** The element placed in Manage's page: what screenshots are taken of. */
  get host(): Locator {
    return panelHost(this.page, this.kind);
  }

  get state(): Locator {
    return panelState(this.page, this.kind);
  }

  /** The header button that collapses and expands the panel (its name is the brand and the title). */
  get toggle(): Locator {
    return this.host.getByRole('button', { name: `Backup Bridge ${TITLES[this.kind]}`, exact: true });
  }

  get refreshButton(): Locator {
    return this.button('Refresh');
  }

  /** Errors: a part that could not be loaded, the reason the panel is unavailable, an action that failed. */
  get alerts(): Locator {
    return this.host.getByRole('alert');
  }

  button(name: string | RegExp): Locator {
    return this.host.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** An inline confirmation, found by its question. */
  confirmation(question: string | RegExp): Locator {
    return this.host.getByRole('group', { name: question });
  }

  /** Opens the record's Manage screen (no spinner) and waits for this panel to belong to it. */
  async open(sims: RunningSimulators, recordId: number): Promise<void> {
    await openManageScreen(this.page, sims.manageUrl, { screen: this.kind, id: recordId }, { form: 'routeTo', simDelay: 0 });
    await expect(this.host).toHaveAttribute('data-record-id', String(recordId));
  }

  async expectState(state: PanelState, options?: { timeout?: number }): Promise<void> {
    await expect(this.state).toHaveAttribute('data-state', state, options);
  }

  /** Opens the screen and waits until the panel shows data (not loading, not unavailable). */
  async show(sims: RunningSimulators, recordId: number): Promise<this> {
    await this.open(sims, recordId);
    await this.expectState('ready');
    return this;
  }
}

/** The Company screen's panel: linked tenants, their seats and mailboxes, open backup tickets, linking. */
export class CompanyPanel extends ScreenPanel {
  constructor(page: Page) {
    super(page, 'company');
  }

  /** One linked tenant's section, named by its heading ("Blue Light, Co. · Business Backup Active …"). */
  tenant(name: string): Locator {
    return this.host.getByRole('region', { name: new RegExp(`^${escapeRegExp(name)} ·`) });
  }

  /** "Seats 12 bought · 12 used · 12 billed on … In sync" */
  seats(tenant: string): Locator {
    return this.tenant(tenant).getByRole('paragraph').filter({ hasText: /^Seats/ });
  }

  /** The mailbox rows shown (header excluded), failing first. */
  mailboxRows(tenant: string): Locator {
    return this.tenant(tenant).getByRole('table', { name: 'Mailboxes, failing first' }).getByRole('rowgroup').nth(1).getByRole('row');
  }

  /** The 14-day chart; its accessible name is the summary under the bars. */
  chart(tenant: string): Locator {
    return this.tenant(tenant).getByRole('figure');
  }

  /** The links of the open backup tickets ("#123456"). */
  get ticketLinks(): Locator {
    return this.host.getByRole('link', { name: /^#\d+$/ });
  }

  /** "Update agreement" on a tenant; answers the confirmation it opens. */
  async startAgreementUpdate(tenant: string, question: string): Promise<Locator> {
    await this.tenant(tenant).getByRole('button', { name: 'Update agreement' }).click();
    const confirmation = this.confirmation(question);
    await expect(confirmation).toBeVisible();
    return confirmation;
  }

  /** "Link tenant": opens the suggestions for this company. */
  async openLinker(companyName: string): Promise<Locator> {
    await this.button('Link tenant').click();
    const suggestions = this.confirmation(`Link a backup tenant to ${companyName}`);
    await expect(suggestions).toBeVisible();
    return suggestions;
  }

  /** Links the suggested organisation, through its confirmation. */
  async link(organisation: string, companyName: string): Promise<void> {
    await this.button(`Link ${organisation}`).click();
    await this.confirmation(`Link ${organisation} to ${companyName}?`).getByRole('button', { name: `Link to ${companyName}` }).click();
  }

  /** Unlinks a tenant, through its confirmation. */
  async unlink(tenant: string, companyName: string): Promise<void> {
    await this.tenant(tenant).getByRole('button', { name: 'Unlink', exact: true }).click();
    await this.confirmation(`Unlink ${tenant} from ${companyName}?`).getByRole('button', { name: 'Unlink tenant' }).click();
  }
}

/** The Agreement screen's panel: the backup additions against the vendor's seats. */
export class AgreementPanel extends ScreenPanel {
  constructor(page: Page) {
    super(page, 'agreement');
  }

  get additions(): Locator {
    return this.host.getByRole('table', { name: 'Backup additions against the vendor’s seats' });
  }

  /** One row per addition (or linked tenant without one), headed by the addition; notes and actions sit in the row under it. */
  get rows(): Locator {
    return this.additions.getByRole('row').filter({ has: this.page.getByRole('rowheader') });
  }
}

/** The Service Ticket screen's panel: the failed backup, the vendor's retries, and the fix. */
export class TicketPanel extends ScreenPanel {
  constructor(page: Page) {
    super(page, 'ticket');
  }

  /** The value of one fact ("Mailbox", "Vendor error", "Attempts", "Retry window"…). */
  fact(term: string): Locator {
    return this.host.locator(`dt:text-is("${term}") + dd`);
  }

  get fixButton(): Locator {
    return this.button('Fix and resume backup');
  }

  /** The polite live region the fix's progress and result are read out from. */
  get progress(): Locator {
    return this.host.locator('[aria-live="polite"]');
  }

  get progressLines(): Locator {
    return this.progress.getByRole('listitem');
  }
}

import type { Locator, Page } from '@playwright/test';

/** The toolbar popup, opened as an extension page at a popup's size. */
export class PopupPage {
  constructor(readonly page: Page) {}

  static async open(openExtensionPage: (path: string) => Promise<Page>): Promise<PopupPage> {
    const page = await openExtensionPage('popup.html');
    await page.setViewportSize({ width: 380, height: 640 });
    return new PopupPage(page);
  }

  /** The popup itself (what screenshots are taken of). */
  get body(): Locator {
    return this.page.getByRole('main');
  }

  /** "ConnectWise Manage: connected", "Backup vendor: not working Fix …" */
  connection(name: 'ConnectWise Manage' | 'Backup vendor'): Locator {
    return this.page.getByRole('listitem').filter({ hasText: `${name}:` });
  }

  get lastRefresh(): Locator {
    return this.page.getByRole('status');
  }

  /** A count that opens to its rows ("3 failing mailboxes"). */
  count(label: string): Locator {
    return this.page.locator('details', { has: this.page.locator('summary', { hasText: label }) });
  }

  /** Opens a count and answers its rows. */
  async expand(label: string): Promise<Locator> {
    const count = this.count(label);
    await count.locator('summary').click();
    return count.getByRole('listitem');
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh' }).click();
  }

  /** Clicks something that opens a tab (the popup asks the background, which opens it) and answers the new tab. */
  async opensTab(click: () => Promise<void>): Promise<Page> {
    const [tab] = await Promise.all([this.page.context().waitForEvent('page'), click()]);
    await tab.waitForLoadState('domcontentloaded');
    return tab;
  }
}

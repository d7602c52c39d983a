import { effect, signal as createSignal } from '@preact/signals';
import type { ComponentChild } from 'preact';
import type { PanelBodyProps } from '../../components/panel-types';
import { ScreenPanel } from '../../components/ScreenPanel';
import { placePanel } from '../manage/anchor';
import type { ScreenState } from '../manage/screen';
import { manageRecordUrl } from '../manage/url';
import { optionsOpen, type ScreenKind, type ScreenRef } from '../messages/panel';
import type { PanelView } from '../messages/panels';
import { askBackground } from '../ui/background';
import { connectPanel, type ConnectPort, type PanelConnection } from '../ui/panel-port';
import { reservePanelHeight } from '../ui/reserved-height';
import { createShadowHost } from '../ui/shadow-host';
import type { Feature } from './feature';
import panelCss from '../../components/panel.css?inline';

type ViewOf<K extends ScreenKind> = Extract<PanelView, { kind: K }>;
export type BodyRenderer<K extends ScreenKind> = (view: ViewOf<K>, props: Omit<PanelBodyProps<ViewOf<K>>, 'view'>) => ComponentChild;

/** How often relative times ("3 min ago") move on. */
const CLOCK_MS = 30_000;

/**
 * The shared life cycle of the three screen panels: one host element per screen, carrying
 * `data-backup-bridge` and `data-record-id`, placed in the screen and removed on abort, showing
 * what the background pushes for the screen. Each panel file supplies only what differs: which
 * screen, its title, and the body for its view.
 */
export function definePanelFeature<K extends ScreenKind>(options: {
  id: string;
  kind: K;
  include: Feature['include'];
  title: string;
  body: BodyRenderer<K>;
}): Feature {
  return {
    id: options.id,
    include: options.include,
    init({ doc, screen, signal }) {
      const host = createShadowHost({
        doc,
        css: panelCss,
        attributes: {
          'data-backup-bridge': options.kind,
          'data-record-id': screen.recordId === null ? '' : String(screen.recordId),
        },
      });
      signal.addEventListener('abort', () => host.destroy(), { once: true });
      if (signal.aborted) return;
      placePanel(doc, host.element, signal);
      const connection = mountScreenPanel({ ...options, screen, signal, render: host.render, pageUrl: () => doc.location.href });
      reservePanelHeight({ host: host.element, kind: options.kind, win: doc.defaultView ?? window, shown: whenShown(connection, signal), signal });
    },
  };
}

/**
 * Connect to the background for `screen` and keep the panel rendered from what it pushes.
 * Exported for tests, which pass a fake port and render into their own shadow root.
 */
export function mountScreenPanel<K extends ScreenKind>(options: {
  kind: K;
  title: string;
  body: BodyRenderer<K>;
  screen: ScreenState;
  signal: AbortSignal;
  render(tree: ComponentChild): void;
  pageUrl(): string;
  connect?: ConnectPort;
}): PanelConnection {
  const { kind, signal } = options;
  const connection = connectPanel({ screen: screenRef(options.screen), signal, connect: options.connect });
  const now = createSignal(Date.now());
  const clock = setInterval(() => (now.value = Date.now()), CLOCK_MS);
  signal.addEventListener('abort', () => clearInterval(clock), { once: true });
  const links = {
    ticket: (id: number) => manageRecordUrl(options.pageUrl(), 'ticket', id),
    company: (id: number) => manageRecordUrl(options.pageUrl(), 'company', id),
    agreement: (id: number) => manageRecordUrl(options.pageUrl(), 'agreement', id),
  };
  // Called while ConnectedPanel renders, so reading `now` there re-renders the panel with the clock.
  const body = (view: PanelView) =>
    view.kind === kind ? options.body(view as ViewOf<K>, { now: now.value, links, onAction: connection.act }) : null;

  options.render(<ConnectedPanel kind={kind} title={options.title} connection={connection} body={body} />);
  return connection;
}

function ConnectedPanel(props: {
  kind: ScreenKind;
  title: string;
  connection: PanelConnection;
  body(view: PanelView): ComponentChild;
}) {
  const { kind, connection } = props;
  const view = connection.view.value;
  return (
    <ScreenPanel
      title={props.title}
      view={view}
      refreshing={connection.refreshing.value}
      unavailable={connection.unavailable.value}
      collapsed={connection.collapsed.value}
      onToggle={() => void connection.act({ kind: 'set-collapsed', screen: kind, collapsed: !connection.collapsed.peek() })}
      onRefresh={() => void connection.act({ kind: 'refresh' })}
      onOpenSetup={() => void askBackground(optionsOpen, {}).catch(() => undefined)}
    >
      {view && props.body(view)}
    </ScreenPanel>
  );
}

/** Resolves once the panel shows a view or says why it has none. */
function whenShown(connection: PanelConnection, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      if (connection.view.value !== null || connection.unavailable.value !== null) {
        queueMicrotask(() => stop());
        resolve();
      }
    });
    signal.addEventListener('abort', () => stop(), { once: true });
  });
}

/** The screen as the port protocol carries it; labels are capped as the protocol caps them. */
function screenRef(screen: ScreenState): ScreenRef {
  const { identifier, name, ticketNumber, summary, companyName } = screen.label;
  return {
    kind: screen.kind,
    recordId: screen.recordId,
    label: {
      identifier: identifier?.slice(0, 200),
      name: name?.slice(0, 200),
      ticketNumber,
      summary: summary?.slice(0, 300),
      companyName: companyName?.slice(0, 200),
    },
  };
}

import type { AgreementRowView, AgreementView } from '../lib/messages/panels';
import { formatCount, formatDate } from './format';
import type { PanelBodyProps } from './panel-types';
import { ReconcileSeats } from './ReconcileSeats';
import { SeatCount, SeatStatusBadge } from './SeatsLine';

const COLUMNS = 7;

/** The Agreement screen: the vendor-related additions against the vendor's live seats. */
export function AgreementPanel({ view, links, onAction }: PanelBodyProps<AgreementView>) {
  const { agreement, rows } = view;
  return (
    <div class="bb-agreement">
      <p class="bb-muted">
        {agreement.name} for{' '}
        <a href={links.company(agreement.company.id)} target="_blank" rel="noopener">
          {agreement.company.name}
        </a>{' '}
        ({agreement.status})
      </p>
      {rows.length === 0 ? (
        <p>This agreement has no backup additions, and no linked tenant is billed on it.</p>
      ) : (
        <table class="bb-table">
          <caption class="bb-visually-hidden">Backup additions against the vendor’s seats</caption>
          <thead>
            <tr>
              <th scope="col">Addition</th>
              <th scope="col">Quantity</th>
              <th scope="col">Less included</th>
              <th scope="col">Effective</th>
              <th scope="col">Cancelled</th>
              <th scope="col">Vendor seats</th>
              <th scope="col">Drift</th>
            </tr>
          </thead>
          {rows.map((row, index) => (
            // A tenant's row keeps its identity when its addition is created, so the outcome stays on screen.
            <AdditionRows key={row.tenant ? `tenant:${row.tenant.orgId}` : `addition:${row.addition?.id ?? index}`} row={row} onAction={onAction} />
          ))}
        </table>
      )}
    </div>
  );
}

/** One addition (or a linked tenant without one), its note, and its reconcile control. */
function AdditionRows({ row, onAction }: { row: AgreementRowView; onAction: PanelBodyProps<AgreementView>['onAction'] }) {
  const { addition, tenant, seats } = row;
  const dash = <span class="bb-muted">—</span>;
  return (
    <tbody class="bb-addition">
      <tr>
        <th scope="row">
          {addition ? (
            <>
              {addition.product} <span class="bb-muted">{addition.description}</span>
            </>
          ) : (
            <span class="bb-muted">No addition</span>
          )}
        </th>
        <td>{addition ? formatCount(addition.quantity) : dash}</td>
        <td>{addition ? formatCount(addition.lessIncluded) : dash}</td>
        <td>{addition?.effectiveDate ? formatDate(addition.effectiveDate) : dash}</td>
        <td>{addition?.cancelledDate ? formatDate(addition.cancelledDate) : dash}</td>
        <td>
          {tenant ? (
            <>
              {tenant.name}
              {tenant.state !== 'active' && <span class="bb-muted"> ({tenant.state})</span>}:{' '}
              <SeatCount value={seats.bought} label="bought" />, <SeatCount value={seats.used} label="used" />
            </>
          ) : (
            <span class="bb-muted">No linked tenant</span>
          )}
        </td>
        <td>
          <SeatStatusBadge seats={seats} />
        </td>
      </tr>
      {(row.note || tenant) && (
        <tr class="bb-addition__more">
          <td colSpan={COLUMNS}>
            {row.note && <p class="bb-note bb-note--warn">{row.note}</p>}
            {tenant && <ReconcileSeats orgId={tenant.orgId} seats={seats} onAction={onAction} />}
          </td>
        </tr>
      )}
    </tbody>
  );
}

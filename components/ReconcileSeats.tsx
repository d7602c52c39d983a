import type { SeatsView } from '../lib/messages/panels';
import { ActionOutcome } from './ActionOutcome';
import { ConfirmButton } from './ConfirmInline';
import { formatCount, formatDate, plural } from './format';
import type { ActionHandler } from './panel-types';
import { useAction } from './use-action';
import { seatWarning } from './words';

export interface ReconcileSeatsProps {
  orgId: string;
  seats: SeatsView;
  onAction: ActionHandler;
}

interface Change {
  /** The seats to bill; null: end the addition. */
  quantity: number | null;
  question: string;
  confirmLabel: string;
}

/** The confirmation of a proposal; null when it names no valid quantity. */
function changeOf(proposal: NonNullable<SeatsView['proposal']>, billed: number | null, agreementName: string, effective: string | null): Change | null {
  if (proposal.action === 'cancel') {
    return {
      quantity: null,
      question: `End the addition on ${agreementName}${effective ? ` from ${effective}` : ''}? It stops billing this tenant.`,
      confirmLabel: 'End the addition',
    };
  }
  const { quantity } = proposal;
  if (quantity === null || !Number.isInteger(quantity) || quantity <= 0) return null;
  return {
    quantity,
    question: proposal.action === 'update' && billed !== null
      ? `Change the quantity on ${agreementName} from ${formatCount(billed)} to ${formatCount(quantity)}?`
      : `Add an addition for ${formatCount(quantity)} seats to ${agreementName}?`,
    confirmLabel: `${proposal.action === 'update' ? 'Set' : 'Add'} ${plural(quantity, 'seat')}`,
  };
}

/**
 * "Update agreement": what the background proposes for the billed seats (a new quantity, a new
 * addition, or the end of the addition of a tenant that stopped), confirmed in place.
 * The action carries what the panel showed (`expected`), so the background refuses it when
 * someone changed the addition in ConnectWise meanwhile.
 */
export function ReconcileSeats({ orgId, seats, onAction }: ReconcileSeatsProps) {
  const action = useAction(onAction);
  const { proposal, agreement } = seats;
  if (!proposal || proposal.action === 'none') return <ActionOutcome result={action.result.value} />;

  const effective = proposal.effectiveDate === null ? null : formatDate(proposal.effectiveDate);
  const change = agreement && changeOf(proposal, seats.billed, agreement.name, effective);
  if (!agreement || !change) {
    return <p class="bb-note">No agreement to bill this tenant on was found; add the addition in ConnectWise.</p>;
  }

  return (
    <div class="bb-reconcile">
      <ConfirmButton
        label="Update agreement"
        buttonClass="bb-button"
        action={action}
        request={{
          kind: 'update-agreement',
          orgId,
          agreementId: agreement.id,
          expected: { additionId: seats.additionId, quantity: seats.billed },
          quantity: change.quantity,
        }}
        title={change.question}
        confirmLabel={change.confirmLabel}
      >
        {effective && <p>Effective {effective}.</p>}
        {proposal.warnings.length > 0 && (
          <ul class="bb-warnings">
            {proposal.warnings.map((warning) => (
              <li key={warning}>{seatWarning(warning)}</li>
            ))}
          </ul>
        )}
      </ConfirmButton>
      <ActionOutcome result={action.result.value} />
    </div>
  );
}

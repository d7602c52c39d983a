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

/**
 * "Update agreement": what the background proposes for the billed seats, confirmed in place.
 * The action carries what the panel showed (`expected`), so the background refuses it when
 * someone changed the addition in ConnectWise meanwhile.
 */
export function ReconcileSeats({ orgId, seats, onAction }: ReconcileSeatsProps) {
  const action = useAction(onAction);
  const { proposal, agreement } = seats;
  if (!proposal || proposal.action === 'none') return <ActionOutcome result={action.result.value} />;

  const effective = proposal.effectiveDate === null ? null : formatDate(proposal.effectiveDate);
  if (proposal.action === 'cancel') {
    // The port's update-agreement sets a quantity; ending an addition is done in ConnectWise.
    return (
      <p class="bb-note">
        The addition should end{effective ? ` on ${effective}` : ''}: set its cancelled date on the agreement in ConnectWise.
      </p>
    );
  }
  const quantity = proposal.quantity;
  if (agreement === null || quantity === null || !Number.isInteger(quantity) || quantity <= 0) {
    return <p class="bb-note">No agreement to bill this tenant on was found; add the addition in ConnectWise.</p>;
  }

  const question =
    proposal.action === 'update' && seats.billed !== null
      ? `Change the quantity on ${agreement.name} from ${formatCount(seats.billed)} to ${formatCount(quantity)}?`
      : `Add an addition for ${formatCount(quantity)} seats to ${agreement.name}?`;

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
          quantity,
        }}
        title={question}
        confirmLabel={`${proposal.action === 'update' ? 'Set' : 'Add'} ${plural(quantity, 'seat')}`}
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

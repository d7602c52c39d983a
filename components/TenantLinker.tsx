import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { LinkSuggestion } from '../lib/messages/panels';
import { ActionOutcome } from './ActionOutcome';
import { ConfirmInline } from './ConfirmInline';
import type { ActionHandler, PanelResult } from './panel-types';
import { useAction } from './use-action';
import { useFocusRegion } from './use-focus-region';
import { suggestionReason } from './words';

export interface TenantLinkerProps {
  companyId: number;
  companyName: string;
  /** Words the button by whether this company has a tenant already. */
  hasTenants: boolean;
  onAction: ActionHandler;
}

/**
 * "Link tenant": the background's suggestions ranked by name and mail domain, tenants linked to
 * another company shown greyed (not offered), and a confirmation before the link is written.
 */
export function TenantLinker({ companyId, companyName, hasTenants, onAction }: TenantLinkerProps) {
  const open = useSignal(false);
  const chosen = useSignal<LinkSuggestion | null>(null);
  const suggest = useAction(onAction);
  const link = useAction(onAction);

  const start = () => {
    link.clear();
    chosen.value = null;
    open.value = true;
    void suggest.run({ kind: 'suggest-links', companyId });
  };
  const confirm = async (suggestion: LinkSuggestion) => {
    // agreementId null: the background picks the company's backup agreement.
    const result = await link.run({ kind: 'link-tenant', companyId, orgId: suggestion.orgId, agreementId: null });
    chosen.value = null;
    if (result?.ok) open.value = false;
  };

  // The button stays while the list is open, so focus can go back to it.
  return (
    <div class="bb-linker">
      <button type="button" class="bb-button" aria-expanded={open.value} onClick={open.value ? () => (open.value = false) : start}>
        {hasTenants ? 'Link another tenant' : 'Link tenant'}
      </button>
      {open.value && (
        <Suggestions
          companyName={companyName}
          loading={suggest.busy.value}
          result={suggest.result.value}
          chosen={chosen.value}
          linking={link.busy.value}
          onChoose={(suggestion) => (chosen.value = suggestion)}
          onConfirm={(suggestion) => void confirm(suggestion)}
          onCancelChoice={() => (chosen.value = null)}
          onClose={() => (open.value = false)}
        />
      )}
      <ActionOutcome result={link.result.value} />
    </div>
  );
}

interface SuggestionsProps {
  companyName: string;
  loading: boolean;
  result: PanelResult | null;
  chosen: LinkSuggestion | null;
  linking: boolean;
  onChoose(suggestion: LinkSuggestion): void;
  onConfirm(suggestion: LinkSuggestion): void;
  onCancelChoice(): void;
  onClose(): void;
}

function Suggestions({ companyName, loading, result, chosen, linking, onChoose, onConfirm, onCancelChoice, onClose }: SuggestionsProps) {
  const region = useFocusRegion<HTMLDivElement>(onClose, chosen === null);
  const titleId = useId();
  const suggestions = result?.suggestions ?? [];
  return (
    <div {...region} class="bb-suggestions" role="group" aria-labelledby={titleId} aria-busy={loading}>
      <p class="bb-confirm__title" id={titleId}>
        Link a backup tenant to {companyName}
      </p>
      {loading && <p class="bb-muted" role="status">Looking for matching tenants…</p>}
      {result && !result.ok && <ActionOutcome result={result} />}
      {result?.ok && suggestions.length === 0 && (
        <p class="bb-muted">No tenant at the vendor matches this company’s name or mail domains.</p>
      )}
      {suggestions.length > 0 && (
        <ul class="bb-list">
          {suggestions.map((suggestion) => (
            <SuggestionRow key={suggestion.orgId} suggestion={suggestion} chosen={chosen?.orgId === suggestion.orgId} onChoose={() => onChoose(suggestion)}>
              <ConfirmInline
                title={`Link ${suggestion.name} to ${companyName}?`}
                confirmLabel={`Link to ${companyName}`}
                busy={linking}
                onConfirm={() => onConfirm(suggestion)}
                onCancel={onCancelChoice}
              >
                <p>The link is saved in ConnectWise, so every technician sees it.</p>
              </ConfirmInline>
            </SuggestionRow>
          ))}
        </ul>
      )}
      <button type="button" class="bb-link" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

interface SuggestionRowProps {
  suggestion: LinkSuggestion;
  chosen: boolean;
  onChoose(): void;
  /** The confirmation, shown under the row while it is chosen. */
  children: ComponentChildren;
}

function SuggestionRow({ suggestion, chosen, onChoose, children }: SuggestionRowProps) {
  const why = suggestion.reasons.map(suggestionReason).join(', ');
  return (
    <li class={suggestion.linkedTo ? 'bb-suggestion bb-suggestion--taken' : 'bb-suggestion'}>
      <span class="bb-suggestion__name">{suggestion.name}</span>{' '}
      {suggestion.domains.length > 0 && <span class="bb-muted">{suggestion.domains.join(', ')}</span>}
      {why && <span class="bb-suggestion__why"> — {why}</span>}{' '}
      {suggestion.linkedTo ? (
        <span class="bb-muted">Already linked to {suggestion.linkedTo.name}</span>
      ) : (
        <button type="button" class="bb-button" aria-label={`Link ${suggestion.name}`} aria-expanded={chosen} onClick={onChoose}>
          Link
        </button>
      )}
      {chosen && children}
    </li>
  );
}

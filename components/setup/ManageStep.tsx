import type { ManageCheck } from '../../lib/messages/setup';
import type { KeysStorage } from '../../lib/settings';
import { ConnectionForm } from './ConnectionForm';
import { Field } from './Field';
import { useStepForm } from './form-state';
import { PermissionList } from './PermissionList';

export interface ManageFormValues {
  [key: string]: string;
  site: string;
  companyId: string;
  clientId: string;
  apiMember: string;
  publicKey: string;
  privateKey: string;
}

export interface ManageStepProps {
  initial: ManageFormValues;
  keysSaved: boolean;
  keysStorage: KeysStorage;
  /** Field names set by browser policy. */
  locked: ReadonlySet<string>;
  /** Checks the values (returning field errors) before anything is sent. */
  validate(values: ManageFormValues, keysSaved: boolean): Record<string, string | undefined>;
  /** Save and test; rejects with an AppError (whose `field` is e.g. `manage.site`). Called from the click. */
  onSubmit(values: ManageFormValues, keysStorage: KeysStorage): Promise<ManageCheck>;
  onNext(): void;
}

const GUID_HINT = 'Registered for the integration at developer.connectwise.com/ClientID.';

export function ManageStep({ initial, keysSaved, keysStorage, locked, validate, onSubmit, onNext }: ManageStepProps) {
  const form = useStepForm<ManageFormValues, ManageCheck>(initial);
  const { values, errors, set } = form;
  return (
    <ConnectionForm
      form={form}
      section="manage"
      title="1. ConnectWise Manage"
      intro="The API member’s keys (System → Members → API Members → API Keys) and your integration’s clientId."
      busy="Connecting to ConnectWise Manage"
      nextLabel="Next: backup vendor"
      onNext={onNext}
      validate={() => validate(values, keysSaved)}
      submit={(element) => {
        const remember = element.elements.namedItem('keysStorage') as HTMLInputElement;
        return onSubmit(values, remember.checked ? 'session' : 'local');
      }}
      connected={(check) => (
        <div role="status" class="bb-result">
          <p class="bb-success">
            Connected to <strong>{check.companyName}</strong> — Manage {check.version} ({check.isCloud ? 'cloud' : 'on-premises'})
          </p>
          <p class="bb-muted">
            API: {check.apiBaseUrl}
            {check.member ? ` · API member: ${check.member.name} (${check.member.identifier})` : ' · API member: not identifiable through the API'}
          </p>
          <PermissionList permissions={check.permissions} />
        </div>
      )}
    >
      <Field id="site" label="Manage site" value={values.site} onInput={set('site')} error={errors.site}
        placeholder="na.myconnectwise.net" locked={locked.has('site')}
        hint="As you know it: na.myconnectwise.net, api-eu.myconnectwise.net, or your own server’s address." />
      <Field id="companyId" label="Company id" value={values.companyId} onInput={set('companyId')} error={errors.companyId}
        locked={locked.has('companyId')} hint="What you type as Company at the Manage login." />
      <Field id="publicKey" label="Public key" value={values.publicKey} onInput={set('publicKey')} error={errors.publicKey}
        placeholder={keysSaved ? 'saved — leave empty to keep' : undefined} />
      <Field id="privateKey" label="Private key" type="password" value={values.privateKey} onInput={set('privateKey')}
        error={errors.privateKey} placeholder={keysSaved ? 'saved — leave empty to keep' : undefined} autoComplete="new-password" />
      <Field id="clientId" label="clientId" value={values.clientId} onInput={set('clientId')} error={errors.clientId}
        locked={locked.has('clientId')} hint={GUID_HINT} />
      <Field id="apiMember" label="API member id (optional)" value={values.apiMember} onInput={set('apiMember')}
        error={errors.apiMember} locked={locked.has('apiMember')}
        hint="The member the keys belong to, e.g. bbridgeapi: lets the test name it and read its security role." />
      <label class="bb-check">
        <input type="checkbox" name="keysStorage" defaultChecked={keysStorage === 'session'} />
        Forget the keys when the browser closes
      </label>
    </ConnectionForm>
  );
}

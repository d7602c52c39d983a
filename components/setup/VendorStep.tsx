import type { VendorCheck } from '../../lib/messages/setup';
import { ConnectionForm } from './ConnectionForm';
import { Field } from './Field';
import { useStepForm } from './form-state';

export interface VendorFormValues {
  [key: string]: string;
  apiUrl: string;
  regionCode: string;
  resellerToken: string;
  accessToken: string;
  portalUrl: string;
}

export interface VendorStepProps {
  initial: VendorFormValues;
  keysSaved: boolean;
  locked: ReadonlySet<string>;
  validate(values: VendorFormValues, keysSaved: boolean): Record<string, string | undefined>;
  onSubmit(values: VendorFormValues): Promise<VendorCheck>;
  onNext(): void;
}

/** Known reseller API hosts (vendor-api.md §1.1); anything else can be typed. */
const KNOWN_HOSTS = [
  ['https://dropsuite.us/api', 'Dropsuite US'],
  ['https://dropsuite.uk/api', 'Dropsuite UK'],
  ['https://na-saas-npp.backup.ninjarmm.com/api', 'NinjaOne SaaS Backup (NA)'],
] as const;

export function VendorStep({ initial, keysSaved, locked, validate, onSubmit, onNext }: VendorStepProps) {
  const form = useStepForm<VendorFormValues, VendorCheck>(initial);
  const { values, errors, set } = form;
  const saved = keysSaved ? 'saved — leave empty to keep' : undefined;
  return (
    <ConnectionForm
      form={form}
      section="vendor"
      title="2. Backup vendor"
      intro="From the vendor’s Partner Portal → Settings → API Information."
      busy="Connecting to the backup vendor"
      nextLabel="Next: mappings"
      onNext={onNext}
      validate={() => validate(values, keysSaved)}
      submit={() => onSubmit(values)}
      connected={(check) => (
        <p role="status" class="bb-success">
          Connected{check.resellerName ? ` as ${check.resellerName}` : ''}: {check.planCount} plans,{' '}
          {check.organizationCount} organisations.
        </p>
      )}
    >
      <Field id="apiUrl" label="Reseller API address" type="url" value={values.apiUrl} onInput={set('apiUrl')}
        error={errors.apiUrl} list="bb-vendor-hosts" locked={locked.has('apiUrl')} placeholder="https://dropsuite.us/api" />
      <datalist id="bb-vendor-hosts">
        {KNOWN_HOSTS.map(([url, name]) => <option key={url} value={url}>{name}</option>)}
      </datalist>
      <Field id="regionCode" label="Region code" value={values.regionCode} onInput={set('regionCode')}
        error={errors.regionCode} locked={locked.has('regionCode')}
        hint="Used in catalog items ({region}.{plan}) and configuration names ({region}.backup.{id}), e.g. uswest." />
      <Field id="resellerToken" label="Reseller token" value={values.resellerToken} onInput={set('resellerToken')}
        error={errors.resellerToken} placeholder={saved} />
      <Field id="accessToken" label="Access token" type="password" value={values.accessToken} onInput={set('accessToken')}
        error={errors.accessToken} placeholder={saved} autoComplete="new-password" />
      <Field id="portalUrl" label="Partner portal address (optional)" type="url" value={values.portalUrl}
        onInput={set('portalUrl')} error={errors.portalUrl} locked={locked.has('portalUrl')}
        hint="Where technicians go when the API cannot do something." />
    </ConnectionForm>
  );
}

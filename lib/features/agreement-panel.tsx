import { AgreementPanel } from '../../components/AgreementPanel';
import { isAgreementScreen } from './feature';
import { definePanelFeature } from './panel-feature';

/** Agreement screen: backup additions against the vendor's live seats, and reconciling them. */
export const agreementPanel = definePanelFeature({
  id: 'agreement-panel',
  kind: 'agreement',
  include: [isAgreementScreen],
  title: 'Backup seats',
  body: (view, props) => <AgreementPanel view={view} {...props} />,
});

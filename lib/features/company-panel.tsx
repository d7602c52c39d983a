import { CompanyPanel } from '../../components/CompanyPanel';
import { isCompanyScreen } from './feature';
import { definePanelFeature } from './panel-feature';

/** Company screen: linked backup tenants, seats, mailboxes, open backup tickets, linking. */
export const companyPanel = definePanelFeature({
  id: 'company-panel',
  kind: 'company',
  include: [isCompanyScreen],
  title: 'Email backup',
  body: (view, props) => <CompanyPanel view={view} {...props} />,
});

import { isCompanyScreen } from './feature';
import { definePlaceholderPanel } from './placeholder-panel';

export const companyPanel = definePlaceholderPanel('company-panel', 'company', [isCompanyScreen]);

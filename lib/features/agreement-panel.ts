import { isAgreementScreen } from './feature';
import { definePlaceholderPanel } from './placeholder-panel';

export const agreementPanel = definePlaceholderPanel('agreement-panel', 'agreement', [isAgreementScreen]);

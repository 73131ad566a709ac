import * as React from 'react';
import { useIntl } from 'react-intl';

import en from '../translations/en.json';
import { t } from '../translations';

export type MessageKey = keyof typeof en;
type Values = Record<string, string | number>;

/** `m('panel.title')`: the plugin's string in the admin's language; keys are checked against en.json. */
export const useMessages = () => {
  const { formatMessage } = useIntl();
  return React.useCallback((key: MessageKey, values?: Values) => formatMessage({ id: t(key), defaultMessage: en[key] }, values), [formatMessage]);
};

import type { AlarmJson } from '../api/members-api';
import { knownKey, useI18n } from '../i18n/i18n';
import './alarms.css';

/**
 * An alarm's kind in the operator's language with its severity, coloured by severity, and the
 * gateway's own sentence (with figures and times) on hover. Used by the members pages and the overview.
 */
export function AlarmLabel({ alarm }: { alarm: AlarmJson }) {
  const { t } = useI18n();
  const key = knownKey(`memberPage.alarm.${alarm.kind}`);
  return (
    <span class={`alarm alarm-${alarm.severity}`} title={alarm.detail} data-alarm={alarm.kind}>
      {key === undefined ? alarm.kind : t(key)} ({t(`memberPage.severity.${alarm.severity}`)})
    </span>
  );
}

import type { AlarmJson } from '../api/members-api';
import { isSecurityAlarm } from '../alarms/alarm-triggers';
import type { LiveAlarms } from '../alarms/use-live-alarms';
import { knownKey, useI18n } from '../i18n/i18n';
import { routeHref } from '../router';
import { AlarmLabel } from './alarm-label';
import { LocalTime } from './local-time';
import { ProblemNotice } from './problem-notice';
import './alarms.css';

function AlarmRow({ alarm }: { alarm: AlarmJson }) {
  const { t } = useI18n();
  const security = isSecurityAlarm(alarm);
  const sentence = knownKey(`alarms.sentence.${alarm.kind}`);
  return (
    <tr class={security ? 'security' : undefined} data-alarm-row={`${alarm.kind}:${alarm.subject}`}>
      <th scope="row" class="text">
        <AlarmLabel alarm={alarm} />
        {security && <span class="security-badge">{t('alarms.security')}</span>}
      </th>
      <td class="text">
        <a href={routeHref('members', [alarm.subject])}>{alarm.subject}</a>
      </td>
      <td class="text">
        <LocalTime iso={alarm.since} />
      </td>
      <td class="text">{sentence === undefined ? alarm.detail : t(sentence)}</td>
    </tr>
  );
}

/**
 * The alarms that hold now, security-relevant first: kind and severity, the member (a link to
 * its page), since when, and a sentence in the operator's language (the gateway's own, with
 * figures, on hover of the kind).
 */
export function AlarmPanel({ alarms }: { alarms: LiveAlarms }) {
  const { t } = useI18n();
  return (
    <section class="alarms" aria-labelledby="alarms-title" data-testid="alarms">
      <h2 id="alarms-title">{t('alarms.title')}</h2>
      {alarms.error !== undefined && <ProblemNotice error={alarms.error} />}
      {alarms.items === undefined && alarms.error === undefined && <p class="status">{t('alarms.loading')}</p>}
      {alarms.items?.length === 0 && (
        <p class="empty" data-testid="no-alarms">
          {t('alarms.none')}
        </p>
      )}
      {alarms.items !== undefined && alarms.items.length > 0 && (
        <div class="table-scroll">
          <table class="alarm-table">
            <caption>{t('alarms.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alarms.kind')}</th>
                <th scope="col">{t('alarms.member')}</th>
                <th scope="col">{t('alarms.since')}</th>
                <th scope="col">{t('alarms.what')}</th>
              </tr>
            </thead>
            <tbody>
              {alarms.items.map((a) => (
                <AlarmRow key={`${a.kind}:${a.subject}`} alarm={a} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

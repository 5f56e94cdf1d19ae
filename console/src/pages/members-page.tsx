import type { AlarmJson, MemberJson } from '../api/members-api';
import { useApi } from '../api/use-api';
import { LocalTime } from '../components/local-time';
import { AlarmList, WitnessCell } from '../components/member-cells';
import { ProblemNotice } from '../components/problem-notice';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../router';
import type { PageProps } from '../app';
import { MemberDetail } from './member-detail';
import './members-page.css';

/** The list and the alarms are read again this often, so backlog and last seen stay current. */
const REFRESH_MS = 10_000;

function MemberRow({ member, alarms }: { member: MemberJson; alarms: readonly AlarmJson[] }) {
  const { t, number } = useI18n();
  const active = member.keys.filter((k) => k.status === 'active').length;
  return (
    <tr data-member={member.id} class={member.status === 'suspended' ? 'suspended' : undefined}>
      <th scope="row">
        <a href={routeHref('members', [member.id])}>{member.id}</a>
      </th>
      <td class="text">{member.name}</td>
      <td class="text">{t(`memberPage.status.${member.status}`)}</td>
      <td data-cell="keys">{t('memberPage.keysActive', { active, total: member.keys.length })}</td>
      <td data-cell="last-seen">
        {member.lastSeen === null ? t('memberPage.never') : <LocalTime iso={member.lastSeen} />}
      </td>
      <td data-cell="backlog">{member.backlog === null ? t('memberPage.noConsumer') : number(member.backlog)}</td>
      <td class="text">
        <WitnessCell member={member} alarms={alarms} />
      </td>
      <td data-cell="anomalies">{number(member.sequenceAnomalies.count)}</td>
      <td class="text">
        <AlarmList alarms={alarms} />
      </td>
    </tr>
  );
}

/**
 * `#/members` lists every registered member; `#/members/<id>` describes one. Read only: the
 * registry is changed with the gateway's CLI, which audits every change.
 */
export function MembersPage({ route, client, onSessionLost }: PageProps) {
  const { t } = useI18n();
  const id = route.path[0];
  const list = useApi<{ items: MemberJson[] }>(
    client,
    id === undefined ? '/v1/members' : undefined,
    onSessionLost,
    REFRESH_MS,
  );
  const alarms = useApi<{ items: AlarmJson[] }>(client, '/v1/alarms', onSessionLost, REFRESH_MS);
  const alarmsOf = (member: string): AlarmJson[] => alarms.data?.items.filter((a) => a.subject === member) ?? [];
  if (id !== undefined) {
    return <MemberDetail id={id} client={client} onSessionLost={onSessionLost} alarms={alarmsOf(id)} />;
  }
  return (
    <section class="members-page" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('memberPage.title')}</h1>
        <p>{t('memberPage.intro')}</p>
        <button
          type="button"
          onClick={() => {
            list.reload();
            alarms.reload();
          }}
        >
          {t('memberPage.refresh')}
        </button>
      </div>
      {list.error !== undefined && <ProblemNotice error={list.error} />}
      {list.data === undefined && list.error === undefined && <p class="status">{t('memberPage.loading')}</p>}
      {list.data !== undefined && (
        <div class="table-scroll">
          <table class="member-table" data-testid="member-table">
            <caption>{t('memberPage.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('memberPage.member')}</th>
                <th scope="col">{t('memberPage.name')}</th>
                <th scope="col">{t('memberPage.status')}</th>
                <th scope="col">{t('memberPage.keys')}</th>
                <th scope="col">{t('memberPage.lastSeen')}</th>
                <th scope="col">{t('memberPage.backlog')}</th>
                <th scope="col">{t('memberPage.witness')}</th>
                <th scope="col">{t('memberPage.anomalies')}</th>
                <th scope="col">{t('memberPage.alarms')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <MemberRow key={m.id} member={m} alarms={alarmsOf(m.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

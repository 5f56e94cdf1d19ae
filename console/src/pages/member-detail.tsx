import type { ApiClient } from '../api/client';
import type { AlarmJson, MemberJson, MemberKeyJson } from '../api/members-api';
import { useApi } from '../api/use-api';
import { LocalTime } from '../components/local-time';
import { AlarmList, WitnessCell } from '../components/member-cells';
import { ProblemNotice } from '../components/problem-notice';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../router';

const REFRESH_MS = 10_000;

function KeyRow({ k }: { k: MemberKeyJson }) {
  const { t } = useI18n();
  return (
    <tr data-kid={k.kid} class={k.status === 'revoked' ? 'revoked' : undefined}>
      <th scope="row">
        <code>{k.kid}</code>
      </th>
      <td class="text">{t(`memberPage.key.${k.status}`)}</td>
      <td>
        <LocalTime iso={k.validFrom} />
      </td>
      <td>{k.validUntil === null ? t('memberPage.noEnd') : <LocalTime iso={k.validUntil} />}</td>
      <td>{k.revokedAt === null ? '—' : <LocalTime iso={k.revokedAt} />}</td>
      <td class="text">{k.revocationReason === null ? '—' : t(`memberPage.reason.${k.revocationReason}`)}</td>
    </tr>
  );
}

function Facts({ member, alarms }: { member: MemberJson; alarms: readonly AlarmJson[] }) {
  const { t, number } = useI18n();
  const latest = member.sequenceAnomalies.latest;
  return (
    <dl class="facts" data-testid="member-facts">
      <div>
        <dt>{t('memberPage.kind')}</dt>
        <dd>{t(`memberPage.kind.${member.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('memberPage.status')}</dt>
        <dd data-fact="status">{t(`memberPage.status.${member.status}`)}</dd>
      </div>
      <div>
        <dt>{t('memberPage.lastSeen')}</dt>
        <dd data-fact="last-seen">
          {member.lastSeen === null ? t('memberPage.never') : <LocalTime iso={member.lastSeen} />}
        </dd>
      </div>
      <div>
        <dt>{t('memberPage.backlog')}</dt>
        <dd data-fact="backlog">{member.backlog === null ? t('memberPage.noConsumer') : number(member.backlog)}</dd>
      </div>
      <div>
        <dt>{t('memberPage.witness')}</dt>
        <dd>
          <WitnessCell member={member} alarms={alarms} />
        </dd>
      </div>
      <div>
        <dt>{t('memberPage.anomalies')}</dt>
        <dd data-fact="anomalies">
          {number(member.sequenceAnomalies.count)}
          {latest !== null && (
            <>
              {' · '}
              {t('memberPage.latestAnomaly', {
                kind: t(`memberPage.anomaly.${latest.kind}`),
                messageId: latest.messageId,
                expected: latest.expected,
                got: latest.got,
              })}{' '}
              <LocalTime iso={latest.at} />
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('memberPage.alarms')}</dt>
        <dd>
          <AlarmList alarms={alarms} />
        </dd>
      </div>
      <div>
        <dt>{t('memberPage.registered')}</dt>
        <dd>
          <LocalTime iso={member.createdAt} />
        </dd>
      </div>
      <div>
        <dt>{t('memberPage.changed')}</dt>
        <dd>
          <LocalTime iso={member.updatedAt} />
        </dd>
      </div>
    </dl>
  );
}

function Traffic({ member }: { member: MemberJson }) {
  const { t, number } = useI18n();
  return (
    <table class="member-traffic">
      <caption>{t('memberPage.traffic')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('memberPage.traffic.kind')}</th>
          <th scope="col">{t('memberPage.sent')}</th>
          <th scope="col">{t('memberPage.received')}</th>
        </tr>
      </thead>
      <tbody>
        {(['operational', 'exercise'] as const).map((kind) => (
          <tr key={kind} data-traffic={kind}>
            <th scope="row">{t(`memberPage.${kind}`)}</th>
            <td>{number(member.last24h[kind].sent)}</td>
            <td>{number(member.last24h[kind].received)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One member (`#/members/<id>`): its facts, its keys with validity and revocation, its traffic. */
export function MemberDetail({
  id,
  client,
  onSessionLost,
  alarms,
}: {
  id: string;
  client: ApiClient;
  onSessionLost: () => void;
  alarms: readonly AlarmJson[];
}) {
  const { t } = useI18n();
  const read = useApi<MemberJson>(client, `/v1/members/${encodeURIComponent(id)}`, onSessionLost, REFRESH_MS);
  const member = read.data;
  return (
    <section class="members-page member-detail" aria-labelledby="page-title">
      <p>
        <a href={routeHref('members')}>{t('memberPage.back')}</a>
      </p>
      <div class="page-head">
        <h1 id="page-title">
          {t('memberPage.member')} {id}
          {member !== undefined && <span class="muted"> · {member.name}</span>}
        </h1>
        <p>{t('memberPage.intro')}</p>
      </div>
      {read.error !== undefined && <ProblemNotice error={read.error} />}
      {member === undefined && read.error === undefined && <p class="status">{t('memberPage.loading')}</p>}
      {member !== undefined && (
        <>
          <Facts member={member} alarms={alarms} />
          <h2>{t('memberPage.keys')}</h2>
          <div class="table-scroll">
            <table class="key-table" data-testid="key-table">
              <caption>{t('memberPage.keysCaption', { id })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('memberPage.kid')}</th>
                  <th scope="col">{t('memberPage.status')}</th>
                  <th scope="col">{t('memberPage.validFrom')}</th>
                  <th scope="col">{t('memberPage.validUntil')}</th>
                  <th scope="col">{t('memberPage.revokedAt')}</th>
                  <th scope="col">{t('memberPage.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {member.keys.map((k) => (
                  <KeyRow key={k.kid} k={k} />
                ))}
              </tbody>
            </table>
          </div>
          <Traffic member={member} />
        </>
      )}
    </section>
  );
}

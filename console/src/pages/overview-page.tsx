import type { ApiClient } from '../api/client';
import { useLiveAlarms } from '../alarms/use-live-alarms';
import { AlarmPanel } from '../components/alarm-panel';
import { FlowMatrix } from '../components/flow-matrix';
import { LocalTime } from '../components/local-time';
import { RateChart } from '../components/rate-chart';
import { RateHistoryChart } from '../components/rate-history-chart';
import type { FlowTotals, MemberStats, TrafficStats } from '../flow/flow-model';
import { useLiveFlow } from '../flow/use-live-flow';
import { useI18n } from '../i18n/i18n';

const TOTAL_KEYS = [
  'accepted',
  'rejected',
  'delivered',
  'replayed',
  'sequenceAnomalies',
] as const satisfies readonly (keyof FlowTotals)[];

function Totals({ totals, id }: { totals: FlowTotals; id: string }) {
  const { t, number } = useI18n();
  return (
    <dl class="totals" data-testid={id}>
      {TOTAL_KEYS.map((key) => (
        <div key={key} class={`total total-${key}`}>
          <dt>{t(`totals.${key}`)}</dt>
          <dd data-total={key}>{number(totals[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

function TrafficSection({ traffic, title, id }: { traffic: TrafficStats; title: string; id: string }) {
  const { t, number } = useI18n();
  return (
    <section class="traffic" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Totals totals={traffic.totals} id={`${id}-totals`} />
      <FlowMatrix traffic={traffic} title={title} id={`${id}-matrix`} />
      {traffic.refusals.length > 0 && (
        <table class="refusals">
          <caption>{t('refusals.title')}</caption>
          <tbody>
            {traffic.refusals.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <code>{r.code}</code>
                </th>
                <td>{number(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Members({ members }: { members: readonly MemberStats[] }) {
  const { t, number } = useI18n();
  return (
    <section class="members" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('members.member')}</th>
            <th scope="col">{t('members.lastSeen')}</th>
            <th scope="col">{t('members.backlog')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.member}>
              <th scope="row">{m.member}</th>
              <td>{m.lastSeen === null ? t('members.never') : <LocalTime iso={m.lastSeen} />}</td>
              <td>{m.backlog === null ? t('members.unknown') : number(m.backlog)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The live overview: current alarms, flow matrices (operational and exercise apart), rates over time, members. */
export function OverviewPage({ client, onSessionLost }: { client: ApiClient; onSessionLost: () => void }) {
  const { t } = useI18n();
  const alarms = useLiveAlarms(client, onSessionLost);
  const flow = useLiveFlow(client, onSessionLost, alarms.onEvent);
  return (
    <div class="overview">
      <div class="page-head">
        <h1>{t('overview.title')}</h1>
        <p class="window">
          {t('overview.window')}
          {flow.stats !== undefined && (
            <>
              {' · '}
              {t('overview.updated')} <LocalTime iso={flow.stats.to} />
            </>
          )}
        </p>
        <p class={flow.connected ? 'feed live' : 'feed offline'} role="status" data-testid="feed-status">
          {flow.connected ? t('overview.live') : t('overview.offline')}
        </p>
      </div>
      {flow.error !== undefined && (
        <p class="refusal" role="alert">
          {flow.error}
        </p>
      )}
      {flow.lagged > 0 && <p class="notice">{t('overview.lagged', { count: flow.lagged })}</p>}
      <AlarmPanel alarms={alarms} />
      {flow.minutes !== undefined && <RateHistoryChart minutes={flow.minutes} />}
      <section class="rates" aria-labelledby="rates-title">
        <h2 id="rates-title">{t('overview.rates')}</h2>
        <RateChart data={flow.rates} unit={t('chart.perSecond')} label={t('overview.rates')} />
      </section>
      {flow.stats !== undefined && (
        <div class="traffic-grid">
          <TrafficSection traffic={flow.stats.operational} title={t('overview.operational')} id="operational" />
          <TrafficSection traffic={flow.stats.exercise} title={t('overview.exercise')} id="exercise" />
          <Members members={flow.stats.members} />
        </div>
      )}
    </div>
  );
}

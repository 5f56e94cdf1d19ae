import { useState } from 'preact/hooks';
import type { TrafficKind } from '../flow/minute-series';
import type { RateData } from '../flow/rate-series';
import { useI18n } from '../i18n/i18n';
import { RateChart } from './rate-chart';

const TRAFFIC: readonly TrafficKind[] = ['operational', 'exercise'];

/**
 * Accepted, refused and delivered messages per minute over the last hour, operational or
 * exercise traffic as the operator chooses, drawn with uPlot. The drawn figures are also in
 * the chart's `data-series` attribute (times in seconds, then one array per kind).
 */
export function RateHistoryChart({ minutes }: { minutes: Readonly<Record<TrafficKind, RateData>> }) {
  const { t } = useI18n();
  const [traffic, setTraffic] = useState<TrafficKind>('operational');
  const data = minutes[traffic];

  return (
    <section class="rates" aria-labelledby="rate-history-title">
      <div class="rate-history-head">
        <h2 id="rate-history-title">{t('rateHistory.title')}</h2>
        <fieldset class="traffic-choice">
          <legend>{t('rateHistory.traffic')}</legend>
          {TRAFFIC.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="rate-history-traffic"
                value={kind}
                checked={traffic === kind}
                onChange={() => {
                  setTraffic(kind);
                }}
              />{' '}
              {t(`overview.${kind}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <RateChart
        data={data}
        unit={t('rateHistory.perMinute')}
        label={`${t('rateHistory.title')}: ${t(`overview.${traffic}`)}`}
        attributes={{ 'data-testid': 'rate-history', 'data-traffic': traffic, 'data-series': JSON.stringify(data) }}
      />
    </section>
  );
}

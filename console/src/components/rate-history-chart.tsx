import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrafficKind } from '../flow/minute-series';
import type { RateData } from '../flow/rate-series';
import { useI18n } from '../i18n/i18n';
import { FROM_ZERO, useUPlot } from './use-uplot';

const TRAFFIC: readonly TrafficKind[] = ['operational', 'exercise'];

/**
 * Accepted, refused and delivered messages per minute over the last hour, operational or
 * exercise traffic as the operator chooses, drawn with uPlot. The drawn figures are also in
 * the chart's `data-series` attribute (times in seconds, then one array per kind).
 */
export function RateHistoryChart({ minutes }: { minutes: Readonly<Record<TrafficKind, RateData>> }) {
  const { t, lang } = useI18n();
  const [traffic, setTraffic] = useState<TrafficKind>('operational');
  const box = useRef<HTMLDivElement>(null);
  const data = minutes[traffic];
  const latest = useRef(data);
  latest.current = data;
  // The labels are in the chart's options: a language change builds it again; new data does not.
  const plot = useUPlot(
    box,
    lang,
    () => ({
      series: [
        { label: t('chart.time') },
        { label: t('totals.accepted'), stroke: '#1f6feb', width: 2 },
        { label: t('totals.rejected'), stroke: '#c62828', width: 2 },
        { label: t('totals.delivered'), stroke: '#2e7d32', width: 2 },
      ],
      axes: [{}, { label: t('rateHistory.perMinute') }],
      scales: { y: FROM_ZERO },
    }),
    () => latest.current,
    [lang],
  );

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

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
      <div
        class="rate-chart"
        ref={box}
        role="img"
        aria-label={`${t('rateHistory.title')}: ${t(`overview.${traffic}`)}`}
        data-testid="rate-history"
        data-traffic={traffic}
        data-series={JSON.stringify(data)}
      />
    </section>
  );
}

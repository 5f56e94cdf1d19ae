import { useEffect, useRef } from 'preact/hooks';
import type { RateData } from '../flow/rate-series';
import { useI18n } from '../i18n/i18n';
import { FROM_ZERO, useUPlot } from './use-uplot';

/**
 * Accepted, refused and delivered messages per unit of time (`unit` names the y axis), drawn
 * with uPlot; `label` describes the chart to assistive technology, `attributes` go on its box.
 */
export function RateChart({
  data,
  unit,
  label,
  attributes = {},
}: {
  data: RateData;
  unit: string;
  label: string;
  attributes?: Readonly<Record<string, string>>;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
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
      axes: [{}, { label: unit }],
      scales: { y: FROM_ZERO },
    }),
    () => latest.current,
    [lang],
  );

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div class="rate-chart" ref={box} role="img" aria-label={label} {...attributes} />;
}

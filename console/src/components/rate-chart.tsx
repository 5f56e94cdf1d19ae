import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RateData } from '../flow/rate-series';
import { useI18n } from '../i18n/i18n';

const HEIGHT = 220;

/** Accepted, refused and delivered messages per second, drawn with uPlot. */
export function RateChart({ data }: { data: RateData }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const chart = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: HEIGHT,
        series: [
          { label: t('chart.time') },
          { label: t('totals.accepted'), stroke: '#1f6feb', width: 2 },
          { label: t('totals.rejected'), stroke: '#c62828', width: 2 },
          { label: t('totals.delivered'), stroke: '#2e7d32', width: 2 },
        ],
        axes: [{}, { label: '/s' }],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      },
      latest.current,
      el,
    );
    plot.current = chart;
    const resize = (): void => {
      chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT });
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
      plot.current = undefined;
    };
    // The labels are in the chart's options: a language change builds it again.
  }, [lang]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div class="rate-chart" ref={box} role="img" aria-label={t('overview.rates')} />;
}

import { useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import type { Bucket, RefusalsJson } from '../api/refusals-api';
import { useI18n } from '../i18n/i18n';
import { FROM_ZERO, useUPlot } from './use-uplot';

const BUCKET_MS: Readonly<Record<Bucket, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
/** Colours for codes in the order listed; security codes are drawn dashed as well, so colour is not the only cue. */
const PALETTE = ['#1f6feb', '#c62828', '#2e7d32', '#8250df', '#b08800', '#0a7f8c', '#bc4c00', '#57606a'];

/**
 * uPlot's data from the gateway's buckets: one point per bucket over [from, to) (zeros where
 * no refusal fell), then one series per code.
 */
export function refusalSeries(r: RefusalsJson): uPlot.AlignedData {
  const step = BUCKET_MS[r.bucket];
  const start = Date.parse(r.from) - (Date.parse(r.from) % step);
  const times: number[] = [];
  for (let t = start; t < Date.parse(r.to); t += step) times.push(t / 1000);
  const index = new Map(times.map((t, i) => [t, i]));
  const series = r.codes.map((c) => {
    const counts = times.map(() => 0);
    for (const b of r.buckets) {
      const i = index.get(Date.parse(b.start) / 1000);
      if (b.code === c.code && i !== undefined) counts[i] = b.count;
    }
    return counts;
  });
  return [times, ...series];
}

/** Refusals per bucket, one line per code, drawn with uPlot. */
export function RefusalChart({ data }: { data: RefusalsJson }) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const label = t('refusalPage.chart', { bucket: t(`refusalPage.bucket.${data.bucket}`) });

  // Series and labels are in the chart's options: new data or a language change build it again.
  useUPlot(
    box,
    lang,
    () => ({
      series: [
        { label: t('chart.time') },
        ...data.codes.map((c, i) => ({
          label: c.code,
          stroke: PALETTE[i % PALETTE.length] ?? '#000',
          width: c.security ? 3 : 2,
          ...(c.security ? { dash: [8, 4] } : {}),
        })),
      ],
      axes: [{}, { label: t('refusalPage.total') }],
      scales: { y: FROM_ZERO },
    }),
    () => refusalSeries(data),
    [data, lang],
  );

  return <div class="rate-chart refusal-chart" ref={box} role="img" aria-label={label} />;
}

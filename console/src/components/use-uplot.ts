import { useEffect, useRef, type Inputs } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The console's charts' height, in CSS pixels. */
export const CHART_HEIGHT = 220;

/** A y scale from 0 to at least 1, so that an empty chart still has an axis. */
export const FROM_ZERO: uPlot.Scale = { range: (_u, _min, max) => [0, Math.max(1, max)] };

const DATE_PART = /\{(?:M|MM|MMM|MMMM|D|DD|WWW|WWWW|YY|YYYY)\}/;
const HOUR_PART = /\{(?:h|hh|H|HH)\}/;
const SECOND_PART = /\{ss\}/;

/**
 * uPlot's time labels in the operator's language (its own are English: "2:05pm", "12/3"),
 * in the browser's time zone as before: each line of uPlot's template becomes the date, the
 * time or the seconds that line asks for, written by Intl.
 */
export function localDateFormatter(lang: string): (template: string) => (date: Date) => string {
  return (template) => {
    const lines = template.split('\n').map((line) => {
      const date = DATE_PART.test(line);
      const hour = HOUR_PART.test(line);
      if (!date && !hour) {
        if (SECOND_PART.test(line)) return (d: Date) => `:${String(d.getSeconds()).padStart(2, '0')}`;
        return () => line;
      }
      const f = new Intl.DateTimeFormat(lang, {
        ...(date ? { day: 'numeric', month: 'short' } : {}),
        ...(hour ? { hour: '2-digit', minute: '2-digit' } : {}),
        ...(hour && SECOND_PART.test(line) ? { second: '2-digit' } : {}),
      });
      return (d: Date) => f.format(d);
    });
    return (d) => lines.map((format) => format(d)).join('\n');
  };
}

/**
 * A uPlot chart in the element `box` refers to, as wide as the element and following window
 * resizes, with time labels in `lang`; built again whenever `deps` change (its options hold its
 * series and labels: give `lang` among them), and
 * destroyed with the component. Returns the chart, for data updates that keep its options.
 */
export function useUPlot(
  box: { readonly current: HTMLElement | null },
  lang: string,
  options: () => Omit<uPlot.Options, 'width' | 'height'>,
  data: () => uPlot.AlignedData,
  deps: Inputs,
): { readonly current: uPlot | undefined } {
  const plot = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const chart = new uPlot(
      {
        fmtDate: localDateFormatter(lang),
        ...options(),
        width: Math.max(320, el.clientWidth),
        height: CHART_HEIGHT,
      },
      data(),
      el,
    );
    plot.current = chart;
    const resize = (): void => {
      chart.setSize({ width: Math.max(320, el.clientWidth), height: CHART_HEIGHT });
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
      plot.current = undefined;
    };
    // The caller names what the chart's options depend on.
  }, deps);
  return plot;
}

import { useEffect, useRef, type Inputs } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The console's charts' height, in CSS pixels. */
export const CHART_HEIGHT = 220;

/** A y scale from 0 to at least 1, so that an empty chart still has an axis. */
export const FROM_ZERO: uPlot.Scale = { range: (_u, _min, max) => [0, Math.max(1, max)] };

/**
 * A uPlot chart in the element `box` refers to, as wide as the element and following window
 * resizes; built again whenever `deps` change (its options hold its series and labels), and
 * destroyed with the component. Returns the chart, for data updates that keep its options.
 */
export function useUPlot(
  box: { readonly current: HTMLElement | null },
  options: () => Omit<uPlot.Options, 'width' | 'height'>,
  data: () => uPlot.AlignedData,
  deps: Inputs,
): { readonly current: uPlot | undefined } {
  const plot = useRef<uPlot | undefined>(undefined);
  useEffect(() => {
    const el = box.current;
    if (el === null) return undefined;
    const chart = new uPlot({ ...options(), width: Math.max(320, el.clientWidth), height: CHART_HEIGHT }, data(), el);
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

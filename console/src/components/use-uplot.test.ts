import { describe, expect, it } from 'vitest';
import { localDateFormatter } from './use-uplot';

describe("the charts' time labels", () => {
  const at = new Date(2026, 11, 3, 15, 4, 9);

  it('writes the time and date lines of uPlot templates in the operator language', () => {
    const ru = localDateFormatter('ru')('{h}:{mm}{aa}\n{M}/{D}/{YY}')(at);
    const [time, date] = ru.split('\n');
    expect(time).toBe('15:04');
    expect(date).toMatch(/^3 дек/);
    const en = localDateFormatter('en')('{M}/{D}')(at);
    expect(en).toBe('Dec 3');
  });

  it('keeps seconds-only ticks and literal lines as uPlot writes them', () => {
    expect(localDateFormatter('ru')(':{ss}')(at)).toBe(':09');
    expect(localDateFormatter('ru')('')(at)).toBe('');
  });
});

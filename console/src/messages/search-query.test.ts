import { describe, expect, it } from 'vitest';
import { filtersOf, isoOfLocalInput, listKeyOf, localInputOf, searchPath } from './search-query';

describe('message search query', () => {
  it('keeps the known, non-empty filters of a route and drops the rest', () => {
    const filters = filtersOf(new URLSearchParams('sender=KZ&status=&cursor=abc&bogus=1&payloadType=%20x%20'));
    expect(filters).toEqual({ sender: 'KZ', payloadType: 'x' });
  });

  it('names a list by its filters in one order, whatever the order of the URL', () => {
    expect(listKeyOf(filtersOf(new URLSearchParams('status=routed&sender=KZ')))).toBe('sender=KZ&status=routed');
  });

  it('asks the API for a page of 50, with the cursor after the first page', () => {
    expect(searchPath({ sender: 'KZ' }, undefined)).toBe('/v1/messages?sender=KZ&limit=50');
    expect(searchPath({}, 'eyJ')).toBe('/v1/messages?limit=50&cursor=eyJ');
  });

  it('turns a local date-time input into UTC and back', () => {
    const iso = isoOfLocalInput('2026-03-01T10:20:30');
    expect(iso).toBe(new Date(2026, 2, 1, 10, 20, 30).toISOString());
    expect(localInputOf(iso)).toBe('2026-03-01T10:20:30');
    expect(isoOfLocalInput('')).toBeUndefined();
    expect(isoOfLocalInput('not a time')).toBeUndefined();
    expect(localInputOf('garbage')).toBe('');
  });
});

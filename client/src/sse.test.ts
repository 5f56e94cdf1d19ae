import { describe, expect, it } from 'vitest';
import { SseParser } from './sse.js';

describe('SseParser', () => {
  it('reads events with ids and types, skips heartbeats, joins data lines', () => {
    const p = new SseParser();
    const events = p.push(': keep-alive\n\nid: 7\nevent: item\ndata: {"a":1}\n\ndata: x\ndata: y\n\n');
    expect(events).toEqual([
      { event: 'item', data: '{"a":1}', id: '7' },
      { event: 'message', data: 'x\ny', id: '7' },
    ]);
    expect(p.lastEventId).toBe('7');
  });

  it('keeps an event cut across chunks, at any byte, and each line ending (CRLF split too)', () => {
    const text = 'id: 1\r\nevent: item\r\ndata: one\r\n\r\nid: 2\rdata: two\r\rid: 3\ndata: three\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const events = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(
        events.map((e) => [e.id, e.data]),
        `cut at ${cut}`,
      ).toEqual([
        ['1', 'one'],
        ['2', 'two'],
        ['3', 'three'],
      ]);
    }
  });

  it('takes retry in milliseconds, ignores a bad retry, an id with NUL and unknown fields; an event without data is none', () => {
    const p = new SseParser();
    expect(p.push('retry: 1500\nretry: soon\nid: a\0b\nfoo: bar\nevent: ping\n\n')).toEqual([]);
    expect(p.retryMs).toBe(1500);
    expect(p.lastEventId).toBe('');
    expect(p.push('data\n\n')).toEqual([{ event: 'message', data: '', id: '' }]);
  });

  it('does not dispatch an event whose blank line has not come yet', () => {
    const p = new SseParser();
    expect(p.push('id: 9\ndata: half')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'message', data: 'half', id: '9' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { AgentApiError } from './problem.js';

describe('AgentApiError.fromAnswer', () => {
  it('carries the problem document: code, detail, status and field errors', () => {
    const body = {
      type: 'urn:atc:problem:ERR_VALIDATION',
      title: 'Bad request',
      status: 400,
      detail: 'body/purpose is required',
      code: 'ERR_VALIDATION',
      errors: [{ field: 'purpose', message: 'is required' }],
    };
    const e = AgentApiError.fromAnswer(400, JSON.stringify(body), 3);
    expect(e).toBeInstanceOf(Error);
    expect(e.problem).toEqual(body);
    expect([e.status, e.code, e.detail, e.retryAfterSeconds]).toEqual([400, 'ERR_VALIDATION', body.detail, 3]);
    expect(e.message).toBe('ERR_VALIDATION: body/purpose is required');
  });

  it('makes a problem of an answer that is not one (a proxy page, an empty body)', () => {
    const page = AgentApiError.fromAnswer(502, '<html>Bad Gateway</html>');
    expect(page.problem).toMatchObject({ status: 502, code: 'HTTP_502', detail: '<html>Bad Gateway</html>' });
    const empty = AgentApiError.fromAnswer(503, '');
    expect(empty.problem).toMatchObject({ code: 'HTTP_503', detail: 'the agent answered HTTP 503' });
    const array = AgentApiError.fromAnswer(500, '[1]');
    expect(array.code).toBe('HTTP_500');
  });
});

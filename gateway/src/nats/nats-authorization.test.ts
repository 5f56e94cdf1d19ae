import { createUser } from '@nats-io/nkeys';
import { describe, expect, it } from 'vitest';
import { AtcError } from '@atc/shared';
import {
  GATEWAY_ACCOUNT,
  memberAccount,
  memberPermissions,
  natsAuthorization,
  type AuthorizedMember,
} from './nats-authorization.js';

const gatewayUser = createUser().getPublicKey();
const member = (id: string, name = `Member ${id}`): AuthorizedMember => ({
  id,
  name,
  kind: 'national',
  status: 'active',
  user: createUser().getPublicKey(),
});
const kz = member('KZ', 'Anti-Terrorist Centre of Kazakhstan');
const by = member('BY');
const kz2 = member('KZ2');

/** The text of one top-level account block, from its name line to its closing brace. */
function accountBlock(text: string, account: string): string {
  const start = text.indexOf(`\n  ${account}: {`);
  expect(start, `account ${account}`).toBeGreaterThan(-1);
  const end = text.indexOf('\n  }', start);
  return text.slice(start, end + 4);
}

describe('natsAuthorization', () => {
  it('is deterministic: the same members in any order give the same text', () => {
    const a = natsAuthorization({ registryVersion: 7, gatewayUser, members: [kz, by, kz2] });
    const b = natsAuthorization({ registryVersion: 7, gatewayUser, members: [kz2, by, kz] });
    expect(a).toBe(b);
    expect(a.indexOf('MEMBER_BY: {')).toBeLessThan(a.indexOf('MEMBER_KZ: {'));
    expect(a.indexOf('MEMBER_KZ: {')).toBeLessThan(a.indexOf('MEMBER_KZ2: {'));
    expect(a).toContain('registry version 7');
    expect(a).toContain('# KZ: Anti-Terrorist Centre of Kazakhstan (national, active)');
  });

  it('gives JetStream and an unrestricted user to the gateway account only', () => {
    const text = natsAuthorization({ registryVersion: 1, gatewayUser, members: [kz, by] });
    const gateway = accountBlock(text, GATEWAY_ACCOUNT);
    expect(gateway).toContain('jetstream: enabled');
    expect(gateway).toContain(`users: [ { nkey: "${gatewayUser}" } ]`);
    expect(gateway).not.toContain('permissions');
    const kzBlock = accountBlock(text, memberAccount('KZ'));
    expect(kzBlock).not.toContain('jetstream');
    expect(kzBlock).toContain(`nkey: "${kz.user}"`);
    expect(text.match(/jetstream/g)).toHaveLength(1);
  });

  it("limits a member to its own services: nothing of another member's, no JetStream API beyond them", () => {
    expect(memberPermissions('KZ')).toEqual({
      publish: [
        'atc.v1.submit.KZ',
        '$JS.API.CONSUMER.MSG.NEXT.ATC_INBOX.inbox-KZ',
        '$JS.ACK.ATC_INBOX.inbox-KZ.>',
        'atc.v1.log.KZ',
        '$JS.API.DIRECT.GET.KV_ATC_TRUST.$KV.ATC_TRUST.trustlist',
      ],
      subscribe: ['_INBOX_KZ.>'],
    });
    const text = natsAuthorization({ registryVersion: 1, gatewayUser, members: [kz, by, kz2] });
    const kzBlock = accountBlock(text, memberAccount('KZ'));
    expect(kzBlock).not.toMatch(/\bBY\b|KZ2/);
    const imports = [...kzBlock.matchAll(/subject: "([^"]+)"/g)].map((m) => m[1]);
    expect(imports).toEqual(memberPermissions('KZ').publish);
    for (const line of kzBlock.split('\n').filter((l) => l.includes('service: {'))) {
      expect(line).toContain(`account: ${GATEWAY_ACCOUNT}`);
    }
  });

  it('exports each service to its one member only, the pull as a streamed service, and never publicly', () => {
    const text = natsAuthorization({ registryVersion: 1, gatewayUser, members: [kz, by] });
    const exports = accountBlock(text, GATEWAY_ACCOUNT)
      .split('\n')
      .filter((l) => l.includes('{ service:'));
    expect(exports).toHaveLength(2 * 4 + 1);
    for (const line of exports) expect(line).toMatch(/accounts: \[MEMBER_[A-Z0-9]+(, MEMBER_[A-Z0-9]+)*\] \}$/);
    expect(exports).toContain(
      '      { service: "$JS.API.CONSUMER.MSG.NEXT.ATC_INBOX.inbox-KZ", response: stream, accounts: [MEMBER_KZ] }',
    );
    expect(exports).toContain('      { service: "atc.v1.submit.BY", accounts: [MEMBER_BY] }');
    expect(exports).toContain(
      '      { service: "$JS.API.DIRECT.GET.KV_ATC_TRUST.$KV.ATC_TRUST.trustlist", accounts: [MEMBER_BY, MEMBER_KZ] }',
    );
  });

  it('exports nothing when there are no members (an export without accounts would be public)', () => {
    const text = natsAuthorization({ registryVersion: 0, gatewayUser, members: [] });
    expect(text).not.toContain('service:');
    expect(text).toContain('exports: [\n    ]');
  });

  it('keeps a member name inside its comment line', () => {
    const text = natsAuthorization({
      registryVersion: 1,
      gatewayUser,
      members: [member('KZ', 'Evil\n  MEMBER_X: { users: [ { user: x } ] }\r#')],
    });
    expect(text).toContain('# KZ: Evil   MEMBER_X: { users: [ { user: x } ] } # (national, active)');
    expect(
      text
        .split('\n')
        .filter((l) => l.includes('MEMBER_X'))
        .every((l) => l.trimStart().startsWith('#')),
    ).toBe(true);
  });

  it('refuses a key that is not a public user nkey, naming whose it is', () => {
    const seedLike = new TextDecoder().decode(createUser().getSeed());
    for (const bad of [seedLike, 'UABC', '', `A${gatewayUser.slice(1)}`]) {
      let error: unknown;
      try {
        natsAuthorization({ registryVersion: 1, gatewayUser, members: [{ ...kz, user: bad }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AtcError);
      expect((error as AtcError).code).toBe('ERR_KEY_INVALID');
      expect((error as AtcError).message).toContain('KZ');
    }
    expect(() => natsAuthorization({ registryVersion: 1, gatewayUser: 'nope', members: [] })).toThrow(/the gateway/);
  });
});

import {
  AtcError,
  ErrorCode,
  inboxAckSubjects,
  inboxPullSubject,
  logSubject,
  memberInboxPrefix,
  submitSubject,
  trustListGetSubject,
} from '@atc/shared';

/** The nats-server account of the gateway: it owns the streams, the consumers and the trust-list bucket. */
export const GATEWAY_ACCOUNT = 'ATC_GATEWAY';

/**
 * The nats-server account of a member. The underscore keeps it apart from every member
 * id (`^[A-Z][A-Z0-9]{1,15}$`) and from the gateway account.
 */
export function memberAccount(member: string): string {
  return `MEMBER_${member}`;
}

/** A member as the authorization names it: registry fields for the comments, and its NATS user. */
export interface AuthorizedMember {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  /** The public nkey (`U...`) of the member's NATS user. */
  readonly user: string;
}

/** What {@link natsAuthorization} turns into nats-server configuration. */
export interface NatsAuthorizationInput {
  /** The registry version the member list was read at, named in the header comment. */
  readonly registryVersion: number;
  /** The public nkey (`U...`) of the gateway's NATS user. */
  readonly gatewayUser: string;
  readonly members: readonly AuthorizedMember[];
}

/** What one member's NATS user may do: publish to `publish`, subscribe to `subscribe`, nothing else. */
export interface MemberPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}

/** One subject the gateway's account exports to a member and the member's account imports. */
interface MemberService {
  readonly subject: string;
  readonly why: string;
  /** Several responses to one request (a pull returns a batch of messages). */
  readonly streamed?: boolean;
}

/** A public user nkey: `U` and 55 more base32 characters. */
const USER_NKEY = /^U[A-Z2-7]{55}$/;

/**
 * The services a member's account imports from the gateway's account, mapped to the same
 * subject names, so that the agent speaks the same subjects as on an open server.
 */
function memberServices(member: string): MemberService[] {
  return [
    { subject: submitSubject(member), why: 'submissions (JetStream PubAck comes back as the reply)' },
    { subject: inboxPullSubject(member), why: 'pull requests on its inbox consumer', streamed: true },
    { subject: inboxAckSubjects(member), why: 'acks and naks of what it pulled' },
    { subject: logSubject(member), why: 'log requests (checkpoints, proofs, cosignatures)' },
  ];
}

/**
 * Everything a member's NATS user may publish and subscribe to. Publishing reaches only
 * what its account imports; subscribing only its own reply subjects, so it never creates or
 * inspects consumers, reads stream messages, or listens on `_INBOX.>`.
 */
export function memberPermissions(member: string): MemberPermissions {
  return {
    publish: [...memberServices(member).map((s) => s.subject), trustListGetSubject],
    subscribe: [`${memberInboxPrefix(member)}.>`],
  };
}

/** A comment line: control characters (a newline would end the comment) become spaces. */
function comment(indent: string, text: string): string {
  return `${indent}# ${text.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200)}`;
}

const q = (s: string): string => JSON.stringify(s);

function assertUserKey(key: string, whose: string): void {
  if (!USER_NKEY.test(key)) {
    throw new AtcError(
      ErrorCode.KEY_INVALID,
      `the NATS user key of ${whose} is not a public user nkey (U followed by 55 base32 characters).`,
    );
  }
}

function gatewayAccount(input: NatsAuthorizationInput, members: readonly AuthorizedMember[]): string[] {
  const lines = [
    comment('  ', 'The gateway: owns ATC_SUBMIT, ATC_INBOX, the inbox consumers and the ATC_TRUST bucket.'),
    `  ${GATEWAY_ACCOUNT}: {`,
    '    jetstream: enabled',
    `    users: [ { nkey: ${q(input.gatewayUser)} } ]`,
    '    exports: [',
  ];
  for (const m of members) {
    lines.push(comment('      ', `${m.id}: ${m.name}`));
    for (const s of memberServices(m.id)) {
      const response = s.streamed === true ? ', response: stream' : '';
      lines.push(`      { service: ${q(s.subject)}${response}, accounts: [${memberAccount(m.id)}] }`);
    }
  }
  // An export without accounts would be public: with no members there is nothing to export.
  if (members.length > 0) {
    lines.push(comment('      ', 'The signed trust list, read by every member (one key of one bucket).'));
    lines.push(
      `      { service: ${q(trustListGetSubject)}, accounts: [${members.map((m) => memberAccount(m.id)).join(', ')}] }`,
    );
  }
  lines.push('    ]', '  }');
  return lines;
}

function memberAccountBlock(m: AuthorizedMember): string[] {
  const permissions = memberPermissions(m.id);
  const list = (subjects: readonly string[]): string => subjects.map(q).join(', ');
  const lines = [
    comment('  ', `${m.id}: ${m.name} (${m.kind}, ${m.status})`),
    `  ${memberAccount(m.id)}: {`,
    '    users: [',
    '      {',
    `        nkey: ${q(m.user)}`,
    '        permissions: {',
    `          publish: { allow: [${list(permissions.publish)}] }`,
    `          subscribe: { allow: [${list(permissions.subscribe)}] }`,
    '        }',
    '      }',
    '    ]',
    '    imports: [',
  ];
  for (const s of [...memberServices(m.id), { subject: trustListGetSubject, why: 'the signed trust list' }]) {
    lines.push(comment('      ', s.why));
    lines.push(`      { service: { account: ${GATEWAY_ACCOUNT}, subject: ${q(s.subject)} } }`);
  }
  lines.push('    ]', '  }');
  return lines;
}

/**
 * The nats-server `accounts { ... }` block for the registry's members: the gateway's
 * account with JetStream and full rights for its own user, and one account per member
 * (without JetStream) importing only that member's services from the gateway's account,
 * its single user limited to them. Pure and deterministic: members in id order, so the
 * same registry gives the same text. Contains public nkeys only.
 *
 * @throws AtcError KEY_INVALID when a user key is not a public user nkey.
 */
export function natsAuthorization(input: NatsAuthorizationInput): string {
  assertUserKey(input.gatewayUser, 'the gateway');
  for (const m of input.members) assertUserKey(m.user, m.id);
  const members = [...input.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    `# ATC Exchange: NATS accounts generated by "atc-gateway nats-config" from registry version ${input.registryVersion}.`,
    '# Do not edit: run the command again after registry changes, then reload nats-server.',
    '# Public nkeys only; include this file from the nats-server configuration.',
    'accounts {',
    ...gatewayAccount(input, members),
  ];
  for (const m of members) lines.push(...memberAccountBlock(m));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

import { isOneOf, KeyStatus, MemberKind, MemberStatus } from '@atc/shared';
import type { Member } from '../../registry/registry-types.js';
import { actorOf } from '../actor-of.js';
import type { CliIo } from '../cli-io.js';
import { commandGroup } from '../command-group.js';
import { printListing } from '../format-table.js';
import { helpText } from '../help-text.js';
import { parseCommandLine } from '../parse-command-line.js';
import { UsageError } from '../usage-error.js';
import { withRegistry } from '../with-registry.js';

const help = { type: 'boolean', short: 'h' } as const;
const by = { type: 'string' } as const;
const reason = { type: 'string' } as const;

/** `atc-gateway members add|list|suspend|reinstate`. */
export const membersCommand = commandGroup('members', {
  add,
  list,
  suspend: (args, io) => setStatus('suspend', MemberStatus.SUSPENDED, args, io),
  reinstate: (args, io) => setStatus('reinstate', MemberStatus.ACTIVE, args, io),
});

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(
    'members add',
    args,
    { help, by, reason, name: { type: 'string' }, kind: { type: 'string' } },
    { names: ['<ID>'] },
  );
  if (values.help === true) {
    io.out(helpText('members'));
    return 0;
  }
  if (values.name === undefined) throw new UsageError('members', 'members add: --name is required');
  if (!isOneOf(MemberKind, values.kind)) {
    throw new UsageError(
      'members',
      values.kind === undefined
        ? `members add: --kind is required: ${Object.values(MemberKind).join(', ')}`
        : `members add: --kind ${JSON.stringify(values.kind)} is not a member kind; use ${Object.values(MemberKind).join(', ')}`,
    );
  }
  const actor = actorOf('members add', values);
  const member = await withRegistry(io, (registry) =>
    registry.addMember({ id: positionals[0]!, name: values.name!, kind: values.kind as MemberKind }, actor),
  );
  io.out(`Added member ${member.id} (${member.kind}, ${member.status}): ${member.name}`);
  return 0;
}

async function setStatus(
  sub: 'suspend' | 'reinstate',
  status: MemberStatus,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseCommandLine(`members ${sub}`, args, { help, by, reason }, { names: ['<ID>'] });
  if (values.help === true) {
    io.out(helpText('members'));
    return 0;
  }
  const actor = actorOf(`members ${sub}`, values);
  const member = await withRegistry(io, (registry) => registry.setMemberStatus(positionals[0]!, status, actor));
  io.out(`Member ${member.id} is now ${member.status}.`);
  return 0;
}

async function list(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine('members list', args, { help, json: { type: 'boolean' } }, { names: [] });
  if (values.help === true) {
    io.out(helpText('members'));
    return 0;
  }
  const { members, activeKeys } = await withRegistry(io, async (registry) => {
    const counts = new Map<string, number>();
    for (const key of await registry.listKeys()) {
      if (key.status === KeyStatus.ACTIVE) counts.set(key.memberId, (counts.get(key.memberId) ?? 0) + 1);
    }
    return { members: await registry.listMembers(), activeKeys: counts };
  });
  printListing(io, {
    items: members,
    json: values.json === true,
    empty: 'No members registered yet; add one with "atc-gateway members add".',
    header: ['ID', 'KIND', 'STATUS', 'KEYS', 'NAME'],
    row: (m: Member) => [m.id, m.kind, m.status, String(activeKeys.get(m.id) ?? 0), m.name],
  });
  return 0;
}

import { describe, expect, it } from 'vitest';
import { commandTable, listNames, type CommandNameProblem } from './command-table.js';

class NameError extends Error {
  constructor(readonly problem: CommandNameProblem) {
    super(problem.kind);
  }
}

/** A table whose handlers record what they were called with, in `calls`. */
function recordingTable() {
  const calls: string[] = [];
  const table = commandTable<string[]>({
    commands: {
      add: (args, out) => {
        out.push(`add ${args.join(' ')}`);
        return 0;
      },
      remove: (args) => Promise.resolve(args.length === 0 ? 2 : 1),
      group: commandTable<string[]>({
        commands: { inner: () => 7 },
        help: (out) => out.push('group help'),
        usageError: (problem) => new NameError(problem),
      }),
    },
    help: (out, topic) => out.push(`help ${topic ?? '-'}`),
    usageError: (problem) => new NameError(problem),
  });
  return { table, calls };
}

function problemOf(run: () => unknown): CommandNameProblem {
  try {
    run();
  } catch (e) {
    if (e instanceof NameError) return e.problem;
    throw e;
  }
  throw new Error('no usage error');
}

describe('commandTable', () => {
  it('runs the named handler with the rest of the arguments and resolves with its status', async () => {
    const { table, calls } = recordingTable();
    expect(await table(['add', 'x', '--y'], calls)).toBe(0);
    expect(calls).toEqual(['add x --y']);
    expect(await table(['remove'], calls)).toBe(2);
    expect(await table(['remove', 'z'], calls)).toBe(1);
  });

  it('nests: a table is a handler of the table above it', async () => {
    const { table, calls } = recordingTable();
    expect(await table(['group', 'inner'], calls)).toBe(7);
    expect(await table(['group', '--help'], calls)).toBe(0);
    expect(calls).toEqual(['group help']);
    expect(problemOf(() => table(['group'], calls))).toEqual({ kind: 'missing', names: ['inner'] });
  });

  it('prints help for help, --help and -h, with the topic only when the table has it', async () => {
    const { table, calls } = recordingTable();
    for (const argv of [['help'], ['--help'], ['-h', 'add'], ['help', 'nope'], ['help', 'toString']]) {
      expect(await table(argv, calls)).toBe(0);
    }
    expect(calls).toEqual(['help -', 'help -', 'help add', 'help -', 'help -']);
  });

  it('throws the usage error for a missing or unknown name, listing the names in order', () => {
    const { table, calls } = recordingTable();
    const names = ['add', 'remove', 'group'];
    expect(problemOf(() => table([], calls))).toEqual({ kind: 'missing', names });
    expect(problemOf(() => table(['ad'], calls))).toEqual({ kind: 'unknown', name: 'ad', names });
    // Names inherited from Object.prototype are not commands.
    expect(problemOf(() => table(['constructor'], calls))).toEqual({ kind: 'unknown', name: 'constructor', names });
    expect(calls).toEqual([]);
  });
});

describe('listNames', () => {
  it('joins names as a sentence does', () => {
    expect(listNames([], 'or')).toBe('');
    expect(listNames(['add'], 'or')).toBe('add');
    expect(listNames(['add', 'list'], 'or')).toBe('add or list');
    expect(listNames(['init', 'serve', 'keys'], 'and')).toBe('init, serve and keys');
  });
});

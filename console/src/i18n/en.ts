import { alarmsEn } from './alarms.en';
import { databankEn } from './databank.en';
import { membersEn } from './members.en';
import { refusalsEn } from './refusals.en';
import { auditEn } from './audit.en';
import { messageSearchEn } from './message-search.en';
import { proofEn } from './proof.en';
import { rateHistoryEn } from './rate-history.en';
import { searchEn } from './search.en';

/** The console's English strings; `ru.ts` has the same keys. `{name}` marks a value filled in. */
export const en = {
  'app.title': 'ATC Exchange console',
  'app.skip': 'Skip to content',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.ru': 'Русский',
  'nav.label': 'Pages',
  'nav.overview': 'Overview',
  'nav.members': 'Members',
  'nav.messages': 'Messages',
  'nav.refusals': 'Refusals',
  'nav.log': 'Log',
  'nav.databank': 'Data bank',
  'nav.audit': 'Audit',
  'session.signedInAs': 'Signed in as {actor} ({role})',
  'session.signOut': 'Sign out',
  'session.expires': 'Session ends at',
  'signIn.title': 'Sign in',
  'signIn.intro': 'Enter the operator token you were given. It is exchanged for a session and not kept by this page.',
  'signIn.token': 'Operator token',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.refused': 'Sign-in refused',
  'signIn.rateLimited': 'Too many sign-in attempts from this address. Wait a minute and try again.',
  'signIn.checking': 'Checking for an open session…',
  'signIn.empty': 'Enter a token first.',
  'error.network': 'The gateway could not be reached. Check the connection and try again.',
  'error.unexpected': 'The gateway answered {status} unexpectedly.',
  'overview.title': 'Overview',
  'overview.window': 'Statistics over the last hour',
  'overview.updated': 'Updated',
  'overview.live': 'Live feed connected',
  'overview.offline': 'Live feed disconnected, reconnecting…',
  'overview.lagged': 'The live feed dropped {count} events; the figures were reloaded.',
  'overview.operational': 'Operational traffic',
  'overview.exercise': 'Exercise traffic',
  'overview.noFlows': 'No messages in this window.',
  'overview.totals': 'Totals',
  'overview.rates': 'Messages per second, last five minutes',
  'matrix.caption': '{traffic}: messages from sender (rows) to recipient (columns)',
  'matrix.sender': 'Sender',
  'matrix.recipient': 'Recipient',
  'matrix.cell': '{count} sent, {delivered} delivered, {rate}/s',
  'totals.accepted': 'Accepted',
  'totals.rejected': 'Refused',
  'totals.delivered': 'Delivered',
  'totals.replayed': 'Replays',
  'totals.sequenceAnomalies': 'Sequence anomalies',
  'chart.time': 'Time',
  'chart.perSecond': 'per second',
  'members.title': 'Members',
  'members.member': 'Member',
  'members.lastSeen': 'Last submission',
  'members.backlog': 'Inbox backlog',
  'members.never': 'never',
  'members.unknown': 'unknown',
  'refusals.title': 'Refusals by code',
  ...databankEn,
  ...membersEn,
  ...refusalsEn,
  ...messageSearchEn,
  ...auditEn,
  ...proofEn,
  ...alarmsEn,
  ...rateHistoryEn,
  ...searchEn,
} as const;

/** A key of the catalogues. */
export type MessageKey = keyof typeof en;

/** A catalogue: a string for every key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

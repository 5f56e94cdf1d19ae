/** English strings of the overview's alarms panel; `alarms.ru.ts` has the same keys. */
export const alarmsEn = {
  'alarms.title': 'Current alarms',
  'alarms.loading': 'Loading the alarms…',
  'alarms.none': 'No current alarms.',
  'alarms.caption': 'Alarms that hold now, security-relevant first',
  'alarms.kind': 'Alarm',
  'alarms.member': 'Member',
  'alarms.since': 'Since',
  'alarms.what': 'What it means',
  'alarms.security': 'Security',
  'alarms.sentence.witness-cosignature-missing':
    'Its witness has never cosigned a checkpoint of the log, so a log showing members different histories would go unnoticed.',
  'alarms.sentence.witness-cosignature-stale':
    'Its witness stopped cosigning new checkpoints of the log: check that its agent runs.',
  'alarms.sentence.sequence-anomaly':
    'Its message numbering jumped or went back: messages may be lost, or its agent was restored from a backup.',
  'alarms.sentence.purge-overdue': 'It has not confirmed in time that it erased withdrawn personal data.',
  'alarms.sentence.request-overdue': 'It has not answered information requests addressed to it by their due time.',
  'alarms.sentence.member-silent': 'No message from it was archived for too long: check its agent and connection.',
  'alarms.sentence.gateway-clock-behind':
    "The gateway's clock went back behind its newest checkpoint: check the gateway hosts' time synchronisation (NTP).",
  'alarms.sentence.inbox-expired':
    'Messages routed to it waited longer than the inbox retention without being confirmed: check with its centre which ones its agent lacks.',
  'alarms.sentence.nats-disconnected':
    'The gateway replica answering is cut off from NATS: it takes no submissions until the link is back. Check the network to the NATS servers.',
} as const;

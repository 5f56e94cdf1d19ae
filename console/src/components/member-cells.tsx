import type { AlarmJson, MemberJson } from '../api/members-api';
import { WITNESS_ALARMS } from '../api/members-api';
import { en, type MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { LocalTime } from './local-time';

/** A catalogue key built from a value the gateway sent, when the catalogues know it. */
export function knownKey(key: string): MessageKey | undefined {
  return key in en ? (key as MessageKey) : undefined;
}

/** A member's alarms as short labels, with the gateway's sentence on hover. */
export function AlarmList({ alarms }: { alarms: readonly AlarmJson[] }) {
  const { t } = useI18n();
  if (alarms.length === 0) return <span class="empty">{t('memberPage.noAlarms')}</span>;
  return (
    <ul class="alarm-list">
      {alarms.map((a) => {
        const key = knownKey(`memberPage.alarm.${a.kind}`);
        return (
          <li key={a.kind} class={`alarm alarm-${a.severity}`} title={a.detail} data-alarm={a.kind}>
            {key === undefined ? a.kind : t(key)} ({t(`memberPage.severity.${a.severity}`)})
          </li>
        );
      })}
    </ul>
  );
}

/** A member's witness cosignature: the newest tree size it cosigned and when, marked when an alarm holds. */
export function WitnessCell({ member, alarms }: { member: MemberJson; alarms: readonly AlarmJson[] }) {
  const { t, number } = useI18n();
  const late = alarms.some((a) => WITNESS_ALARMS.includes(a.kind));
  return (
    <span class={late ? 'witness late' : 'witness'} data-testid={`witness-${member.id}`}>
      {member.witness === null ? (
        t('memberPage.witnessNever')
      ) : (
        <>
          <LocalTime iso={member.witness.receivedAt} />{' '}
          <span class="muted">{t('memberPage.witnessTree', { size: number(member.witness.treeSize) })}</span>
        </>
      )}
    </span>
  );
}

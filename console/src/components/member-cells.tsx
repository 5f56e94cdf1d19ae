import type { AlarmJson, MemberJson } from '../api/members-api';
import { WITNESS_ALARMS } from '../api/members-api';
import { useI18n } from '../i18n/i18n';
import { AlarmLabel } from './alarm-label';
import { LocalTime } from './local-time';

/** A member's alarms as short labels, with the gateway's sentence on hover. */
export function AlarmList({ alarms }: { alarms: readonly AlarmJson[] }) {
  const { t } = useI18n();
  if (alarms.length === 0) return <span class="empty">{t('memberPage.noAlarms')}</span>;
  return (
    <ul class="alarm-list">
      {alarms.map((a) => (
        <li key={a.kind}>
          <AlarmLabel alarm={a} />
        </li>
      ))}
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

import { useI18n } from '../i18n/i18n';

/** A time shown in the operator's time zone, with its UTC ISO form on hover. */
export function LocalTime({ iso }: { iso: string }) {
  const { dateTime } = useI18n();
  const utc = new Date(iso).toISOString();
  return (
    <time dateTime={utc} title={utc}>
      {dateTime(iso)}
    </time>
  );
}

import type { DossierRecord } from '../../api/databank';
import { LocalTime } from '../../components/local-time';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../router';

type Json = Readonly<Record<string, unknown>>;

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A name as written: its parts in order, with the script it is written in. */
function nameText(name: unknown): string {
  if (!isJson(name)) return '';
  const parts = list(name['parts'])
    .map((p) => (isJson(p) ? text(p['value']) : ''))
    .filter((s) => s !== '');
  const script = text(name['script']);
  return `${parts.join(' ')}${script === '' ? '' : ` (${script})`}`;
}

/** A partial date (year, month, day) as YYYY-MM-DD with what is known. */
function partialDate(d: unknown): string {
  if (!isJson(d)) return '';
  return [d['year'], d['month'], d['day']]
    .filter((n) => typeof n === 'number' && n > 0)
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}

function documentText(d: unknown): string {
  if (!isJson(d)) return '';
  return [text(d['type']), text(d['number']), text(d['issuingCountry'])].filter((s) => s !== '').join(' ');
}

/** Key=value pairs of a small object (handling, evaluation). */
function pairs(o: Json): string {
  return Object.entries(o)
    .filter(([, v]) => v !== null && v !== '' && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}

/** The main facts of a record's content, and the whole record on request. */
function Content({ content }: { content: Json }) {
  const { t } = useI18n();
  const names = [...list(content['names']), ...list(content['aliases'])].map(nameText).filter((s) => s !== '');
  const birth = partialDate(content['dateOfBirth']);
  const nationalities = list(content['nationalities'])
    .map(text)
    .filter((s) => s !== '');
  const documents = list(content['documents'])
    .map(documentText)
    .filter((s) => s !== '');
  return (
    <>
      <dl class="facts">
        {names.length > 0 && (
          <>
            <dt>{t('dossier.names')}</dt>
            <dd data-field="names">{names.join('; ')}</dd>
          </>
        )}
        {birth !== '' && (
          <>
            <dt>{t('dossier.birth')}</dt>
            <dd>{birth}</dd>
          </>
        )}
        {nationalities.length > 0 && (
          <>
            <dt>{t('dossier.nationalities')}</dt>
            <dd>{nationalities.join(', ')}</dd>
          </>
        )}
        {documents.length > 0 && (
          <>
            <dt>{t('dossier.documents')}</dt>
            <dd data-field="documents">{documents.join('; ')}</dd>
          </>
        )}
      </dl>
      <details>
        <summary>{t('dossier.full')}</summary>
        <pre>{JSON.stringify(content, null, 2)}</pre>
      </details>
    </>
  );
}

/** One current record of a dossier: where it came from, how it is handled, and what it says. */
export function DossierRecordView({ record }: { record: DossierRecord }) {
  const { t } = useI18n();
  return (
    <article class="dossier-record" data-record={`${record.originator}/${record.recordId}`}>
      <h3>
        {t('dossier.record', { originator: record.originator, recordId: record.recordId, version: record.version })}
      </h3>
      <dl class="facts">
        <dt>{t('dossier.type')}</dt>
        <dd>{record.recordType}</dd>
        <dt>{t('dossier.message')}</dt>
        <dd>
          <a href={routeHref('messages', [record.messageId])}>
            <code>{record.messageId}</code>
          </a>
        </dd>
        <dt>{t('dossier.archived')}</dt>
        <dd>
          <LocalTime iso={record.archivedAt} />
        </dd>
        <dt>{t('dossier.tlp')}</dt>
        <dd>{pairs(record.handling)}</dd>
        <dt>{t('dossier.evaluation')}</dt>
        <dd>{pairs(record.evaluation)}</dd>
        {record.reviewBy !== null && (
          <>
            <dt>{t('dossier.reviewBy')}</dt>
            <dd>
              <LocalTime iso={record.reviewBy} />
            </dd>
          </>
        )}
      </dl>
      {record.content === null ? <p class="empty">{t('dossier.erased')}</p> : <Content content={record.content} />}
    </article>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import {
  dossierAuditSubject,
  type AuditEntry,
  type DatabankApi,
  type Dossier,
  type SubjectSummary,
} from '../../api/databank';
import { LocalTime } from '../../components/local-time';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../router';
import type { BankViewProps } from './databank-page';
import { DossierRecordView } from './dossier-record';
import { ProblemAlert } from './problem-alert';
import { categoryName } from './subjects-view';

/** The gateway's rule for a stated purpose (characters after trimming). */
const PURPOSE = { min: 3, max: 500 } as const;
/** Roles the gateway serves record content to. */
const CONTENT_ROLES: ReadonlySet<string> = new Set(['auditor', 'admin']);

/** A read and how the audit log recorded it (undefined when the log could not be read back). */
interface Read {
  readonly dossier: Dossier;
  readonly purpose: string;
  readonly entry: AuditEntry | undefined;
}

/** A subject's metadata, read from the gateway (GET .../summary: no content, no audit needed). */
function Metadata({
  api,
  subjectId,
  exercise,
  onSessionLost,
}: {
  api: DatabankApi;
  subjectId: string;
  exercise: boolean;
  onSessionLost: () => void;
}) {
  const { t, number } = useI18n();
  const [s, setSummary] = useState<SubjectSummary | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    setSummary(undefined);
    setError(undefined);
    api.summary(subjectId, exercise).then(
      (summary) => {
        if (live) setSummary(summary);
      },
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) onSessionLost();
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, subjectId, exercise]);
  return (
    <section aria-labelledby="subject-meta">
      <h2 id="subject-meta">{t('subject.metadata')}</h2>
      <ProblemAlert error={error} />
      {s === undefined ? (
        error === undefined && <p class="empty">{t('subject.metadataLoading')}</p>
      ) : (
        <dl class="facts" data-testid="subject-metadata">
          <dt>{t('subjects.category')}</dt>
          <dd>{categoryName(s.category, t)}</dd>
          <dt>{t('subjects.records')}</dt>
          <dd>{number(s.records)}</dd>
          <dt>{t('subjects.members')}</dt>
          <dd>{s.members.map((m) => `${m.member} ${number(m.records)}`).join(', ')}</dd>
          <dt>{t('subjects.nationalities')}</dt>
          <dd>{s.nationalities.join(', ')}</dd>
          <dt>{t('subjects.updated')}</dt>
          <dd>
            <LocalTime iso={s.updatedAt} />
          </dd>
        </dl>
      )}
    </section>
  );
}

function Audited({ read }: { read: Read }) {
  const { t } = useI18n();
  return (
    <div class="audited" role="status" data-testid="dossier-audited">
      {read.entry === undefined ? (
        <p>{t('dossier.auditedNoEntry')}</p>
      ) : (
        <p>
          {t('dossier.audited', { id: read.entry.id, actor: read.entry.actor, role: read.entry.role ?? '' })}{' '}
          <LocalTime iso={read.entry.at} />
        </p>
      )}
      <p>
        {t('dossier.auditedPurpose')} <q>{read.entry?.reason ?? read.purpose}</q>
      </p>
    </div>
  );
}

/** Asks for the purpose of the read; the gateway checks it again and records it with the read. */
function PurposeForm({ busy, onRead }: { busy: boolean; onRead: (purpose: string) => void }) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  return (
    <form
      class="bank-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const text = purpose.trim();
        const length = Array.from(text).length;
        if (length < PURPOSE.min || length > PURPOSE.max) {
          setInvalid(t('dossier.purposeLength', { ...PURPOSE, length }));
          return;
        }
        setInvalid(undefined);
        onRead(text);
      }}
    >
      <label for="purpose">{t('dossier.purpose')}</label>
      <textarea
        id="purpose"
        rows={2}
        maxLength={PURPOSE.max + 50}
        value={purpose}
        required
        aria-describedby="purpose-hint"
        aria-invalid={invalid !== undefined}
        onInput={(e) => {
          setPurpose(e.currentTarget.value);
        }}
      />
      <p id="purpose-hint" class="hint">
        {t('dossier.purposeHint', PURPOSE)}
      </p>
      {invalid !== undefined && (
        <p class="refusal" role="alert">
          {invalid}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('dossier.reading') : t('dossier.read')}
        </button>
      </div>
    </form>
  );
}

/**
 * A subject: its metadata, and its dossier for auditors and admins once they stated why they
 * read it. The read is audited by the gateway; the page reads the entry back to show it.
 * Other roles are told why no content is shown.
 */
export function SubjectView({
  api,
  exercise,
  session,
  subjectId,
  onSessionLost,
}: BankViewProps & { subjectId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [read, setRead] = useState<Read | undefined>();
  // A read belongs to one subject and namespace: moving on drops the content from memory.
  useEffect(() => {
    setRead(undefined);
    setError(undefined);
  }, [subjectId, exercise]);

  const readDossier = async (purpose: string): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const dossier = await api.dossier(subjectId, exercise, purpose);
      let entry: AuditEntry | undefined;
      try {
        const subject = dossierAuditSubject(subjectId, exercise);
        entry = (await api.audit('databank.read', subject, 5)).find(
          (e) => e.actor === session.actor && e.reason === purpose,
        );
      } catch {
        // The read was audited before it was sent; only the read-back failed.
      }
      setRead({ dossier, purpose, entry });
    } catch (e: unknown) {
      if (e instanceof ApiError && e.status === 401) onSessionLost();
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const mayRead = CONTENT_ROLES.has(session.role);
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <section aria-labelledby="subject-title">
      <p>
        <a href={routeHref('databank', ['subjects'], { exercise: exercise ? 'true' : undefined })}>
          {t('subject.back')}
        </a>
      </p>
      <h2 id="subject-title">{t('subject.title', { id: subjectId })}</h2>
      <Metadata api={api} subjectId={subjectId} exercise={exercise} onSessionLost={onSessionLost} />
      <section aria-labelledby="dossier-title">
        <h2 id="dossier-title">{t('dossier.title')}</h2>
        {!mayRead && (
          <p class="notice" data-testid="dossier-withheld">
            {t('dossier.operatorOnly', { role: session.role })}
          </p>
        )}
        {mayRead && read === undefined && !forbidden && <PurposeForm busy={busy} onRead={(p) => void readDossier(p)} />}
        <ProblemAlert error={error} {...(forbidden ? { title: t('dossier.forbidden') } : {})} />
        {read !== undefined && (
          <>
            <Audited read={read} />
            {read.dossier.dossier.length === 0 && <p class="empty">{t('dossier.empty')}</p>}
            {read.dossier.dossier.map((r) => (
              <DossierRecordView key={`${r.originator}/${r.recordId}`} record={r} />
            ))}
          </>
        )}
      </section>
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import {
  NAMESPACES,
  REFUSAL_RANGES,
  refusalsPath,
  type Bucket,
  type Namespace,
  type RefusalsJson,
} from '../api/refusals-api';
import { useApi } from '../api/use-api';
import { LocalTime } from '../components/local-time';
import { ProblemNotice } from '../components/problem-notice';
import { RefusalChart } from '../components/refusal-chart';
import { useI18n } from '../i18n/i18n';
import { navigate, routeHref } from '../router';
import type { PageProps } from '../app';
import { QuarantineList } from './quarantine-list';
import './refusals-page.css';

/** The counts follow the clock this often (the range ends now). */
const REFRESH_MS = 30_000;
const BUCKETS = Object.keys(REFUSAL_RANGES) as Bucket[];

function namespaceOf(raw: string | null): Namespace {
  return NAMESPACES.find((n) => n === raw) ?? 'operational';
}

function bucketOf(raw: string | null): Bucket {
  return BUCKETS.find((b) => b === raw) ?? 'hour';
}

function CodeTable({ data, ns, bucket }: { data: RefusalsJson; ns: Namespace; bucket: Bucket }) {
  const { t, number } = useI18n();
  const codes = [...data.codes].sort((a, b) => Number(b.security) - Number(a.security) || b.total - a.total);
  return (
    <div class="table-scroll">
      <table class="code-table" data-testid="code-table">
        <caption>
          {t('refusalPage.codes')} · <LocalTime iso={data.from} /> — <LocalTime iso={data.to} />
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('refusalPage.code')}</th>
            <th scope="col">{t('refusalPage.total')}</th>
            <th scope="col">{t('refusalPage.advice')}</th>
            <th scope="col">{t('refusalPage.open')}</th>
          </tr>
        </thead>
        <tbody>
          {codes.map((c) => (
            <tr key={c.code} data-code={c.code} class={c.security ? 'security' : undefined}>
              <th scope="row">
                <code>{c.code}</code>
                {c.security && <strong class="security-badge">{t('refusalPage.security')}</strong>}
              </th>
              <td data-cell="total">{number(c.total)}</td>
              <td class="text">{c.advice}</td>
              <td class="text">
                <a
                  class="drill"
                  href={routeHref('refusals', [], { ns, bucket, code: c.code })}
                  aria-label={t('refusalPage.openLabel', { code: c.code })}
                >
                  {t('refusalPage.open')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * `#/refusals?ns=operational|exercise|all&bucket=minute|hour|day&code=<code>`: refusals by code
 * over time, security events first and marked, and the quarantined submissions behind a code.
 */
export function RefusalsPage({ route, client, onSessionLost }: PageProps) {
  const { t } = useI18n();
  const ns = namespaceOf(route.query.get('ns'));
  const bucket = bucketOf(route.query.get('bucket'));
  const code = route.query.get('code') ?? undefined;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);
  const read = useApi<RefusalsJson>(client, refusalsPath(ns, bucket, now), onSessionLost, undefined, `${ns}/${bucket}`);
  const go = (next: { ns?: Namespace; bucket?: Bucket }): void => {
    setNow(Date.now());
    navigate(routeHref('refusals', [], { ns: next.ns ?? ns, bucket: next.bucket ?? bucket, code }));
  };

  return (
    <section class="refusals-page" aria-labelledby="page-title">
      <div class="page-head">
        <h1 id="page-title">{t('refusalPage.title')}</h1>
        <p>{t('refusalPage.intro')}</p>
      </div>
      <div class="refusal-controls">
        <div role="group" aria-label={t('refusalPage.namespace')} class="ns-switch">
          <span>{t('refusalPage.namespace')}:</span>
          {NAMESPACES.map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={n === ns}
              onClick={() => {
                go({ ns: n });
              }}
            >
              {t(`refusalPage.ns.${n}`)}
            </button>
          ))}
        </div>
        <label>
          {t('refusalPage.bucket')}{' '}
          <select
            value={bucket}
            onChange={(e) => {
              go({ bucket: bucketOf((e.target as HTMLSelectElement).value) });
            }}
          >
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`refusalPage.bucket.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            setNow(Date.now());
            read.reload();
          }}
        >
          {t('refusalPage.refresh')}
        </button>
      </div>
      {ns === 'all' && <p class="notice">{t('refusalPage.allNote')}</p>}
      {read.error !== undefined && <ProblemNotice error={read.error} />}
      {read.data === undefined && read.error === undefined && <p class="status">{t('refusalPage.loading')}</p>}
      {read.data !== undefined && read.data.codes.length === 0 && <p class="empty">{t('refusalPage.none')}</p>}
      {read.data !== undefined && read.data.codes.length > 0 && (
        <>
          <RefusalChart data={read.data} />
          <CodeTable data={read.data} ns={ns} bucket={bucket} />
        </>
      )}
      {code !== undefined && (
        <QuarantineList
          client={client}
          code={code}
          ns={ns}
          onSessionLost={onSessionLost}
          closeHref={routeHref('refusals', [], { ns, bucket })}
        />
      )}
    </section>
  );
}

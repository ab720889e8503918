'use client';
// The audit log with filters (operation, outcome, API key, time range) and cursor pagination.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { AuditOutcome } from '@hostplane/schema-types';
import { Pager, useCursorPages } from '@/components/pager';
import { QueryState } from '@/components/query-state';
import { ListAuditLogsDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useDebounced } from '@/lib/hooks';
import { TableHead } from '@/components/table-head';

const PAGE_SIZE = 25;
const OUTCOMES = ['SUCCESS', 'USER_ERROR', 'ERROR'] as const satisfies readonly AuditOutcome[];

/** `<input type="datetime-local">` (local time) → ISO, or null. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : null);

export function AuditLog() {
  const [operation, setOperation] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [apiKeyId, setApiKeyId] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const pages = useCursorPages();
  const typedOperation = useDebounced(operation.trim());
  const typedApiKeyId = useDebounced(apiKeyId.trim());
  const { data, loading, error } = useQuery(ListAuditLogsDocument, {
    variables: {
      first: PAGE_SIZE,
      after: pages.after,
      filter: {
        operation: typedOperation || null,
        apiKeyId: typedApiKeyId || null,
        outcome: outcome || null,
        since: isoOf(since),
        until: isoOf(until),
      },
    },
  });
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      pages.reset();
    };
  const log = data?.auditLogs;
  return (
    <section aria-labelledby="audit-log-title">
      <header className="page-header">
        <h1 id="audit-log-title">Audit log</h1>
      </header>
      <div className="toolbar" role="search" aria-label="Filter audit log">
        <label>
          Operation
          <input
            type="search"
            value={operation}
            placeholder="createTenant"
            onChange={(e) => change(setOperation)(e.target.value)}
          />
        </label>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => change(setOutcome)(e.target.value as AuditOutcome | '')}>
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label>
          API key id
          <input type="search" value={apiKeyId} onChange={(e) => change(setApiKeyId)(e.target.value)} />
        </label>
        <label>
          Since
          <input type="datetime-local" value={since} onChange={(e) => change(setSince)(e.target.value)} />
        </label>
        <label>
          Until
          <input type="datetime-local" value={until} onChange={(e) => change(setUntil)(e.target.value)} />
        </label>
      </div>
      <QueryState loading={loading} error={error} hasData={Boolean(log)} what="audit log" />
      {log ? (
        <>
          <table className="table" aria-labelledby="audit-log-title">
            <TableHead columns={['When', 'Operation', 'Outcome', 'Input', 'Request']} />
            <tbody>
              {log.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td className="nowrap">{formatDateTime(node.at)}</td>
                  <td>
                    <code>{node.operation}</code>
                  </td>
                  <td>
                    <span className={`outcome outcome-${node.outcome.toLowerCase()}`}>{node.outcome}</span>
                    {node.errorCode ? <span className="muted"> {node.errorCode}</span> : null}
                  </td>
                  <td>
                    <code className="json">{JSON.stringify(node.input)}</code>
                  </td>
                  <td className="muted">{node.requestId}</td>
                </tr>
              ))}
              {log.edges.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No entries match.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <Pager label="Audit log" pages={pages} pageSize={PAGE_SIZE} connection={log} />
        </>
      ) : null}
    </section>
  );
}

'use client';
// The end of what a daemon printed, per node and process, read from the nodes when asked (the
// Refresh button asks again): the API has its nodes' agents read the log files.
import { useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { DaemonLogDocument } from '@/generated/graphql';

const LINES = 100;

export function DaemonLog({ daemonId, name, onClose }: { daemonId: string; name: string; onClose: () => void }) {
  const { data, loading, error, refetch } = useQuery(DaemonLogDocument, {
    variables: { id: daemonId, lines: LINES },
    fetchPolicy: 'network-only',
  });
  const tails = data?.daemon.logTail;
  if (!tails) return <QueryState loading={loading} error={error} hasData={false} what="log" />;
  return (
    <section aria-label={`Log of ${name}`}>
      <div className="toolbar">
        <button type="button" disabled={loading} onClick={() => void refetch()}>
          Refresh
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {tails.length ? (
        tails.map((tail) => (
          <div key={`${tail.nodeName}-${tail.process}`}>
            <p className="muted">
              {tail.nodeName} · process {tail.process}
            </p>
            <pre className="log">{tail.lines.join('\n')}</pre>
          </div>
        ))
      ) : (
        <p className="muted">Nothing logged yet.</p>
      )}
    </section>
  );
}

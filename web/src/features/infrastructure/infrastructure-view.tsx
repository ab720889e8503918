'use client';
// Regions → clusters → shards and nodes (read-only; `hostctl cluster apply` changes them), with
// what each node's agent last reported it can run and which Debian packages it lacks, and a mail
// node's host certificate (when it expires, why its last order failed).
import { useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { InfrastructureDocument, type InfrastructureQuery } from '@/generated/graphql';
import { TableHead } from '@/components/table-head';

export function InfrastructureView() {
  const { data, loading, error } = useQuery(InfrastructureDocument);
  const regions = data?.regions;
  return (
    <section aria-labelledby="infra-title">
      <header className="page-header">
        <h1 id="infra-title">Infrastructure</h1>
      </header>
      <QueryState loading={loading} error={error} hasData={Boolean(regions)} what="infrastructure" />
      {regions?.length === 0 ? <p className="muted">No regions yet: apply a cluster file with hostctl.</p> : null}
      {regions?.map((region) => (
        <section key={region.id} className="card" aria-labelledby={`region-${region.id}`}>
          <h2 id={`region-${region.id}`}>Region {region.name}</h2>
          {region.clusters.map((cluster) => (
            <section key={cluster.id} aria-label={`Cluster ${cluster.name}`}>
              <h3>
                Cluster {cluster.name}{' '}
                <span className="muted">LB {cluster.lbAddresses.length ? cluster.lbAddresses.join(', ') : 'none'}</span>
              </h3>
              <table className="table compact" aria-label={`Shards of ${cluster.name}`}>
                <TableHead columns={['Shard', 'Role', 'Nodes']} />
                <tbody>
                  {cluster.shards.map((shard) => (
                    <tr key={shard.id}>
                      <td>{shard.name}</td>
                      <td>{shard.role}</td>
                      <td>{shard.nodes.map((n) => n.hostname).join(', ') || <span className="muted">none</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <table className="table compact" aria-label={`Nodes of ${cluster.name}`}>
                <TableHead
                  columns={[
                    'Node',
                    'Address',
                    'Task queue',
                    'Shards',
                    'Capabilities',
                    'Missing',
                    'Reported',
                    'Mail certificate',
                  ]}
                />
                <tbody>
                  {cluster.nodes.map((node) => (
                    <tr key={node.id}>
                      <td>{node.hostname}</td>
                      <td>{node.ipAddress ?? '—'}</td>
                      <td>
                        <code>{node.taskQueue}</code>
                      </td>
                      <td>{node.shards.map((s) => s.name).join(', ')}</td>
                      <td>
                        {node.capabilities
                          .filter((c) => c.available)
                          .map((c) => (c.version ? `${c.name} (${c.version})` : c.name))
                          .join(', ') || <span className="muted">none</span>}
                      </td>
                      <td>
                        {node.missingCapabilities.length ? (
                          <ul aria-label={`Missing on ${node.hostname}`}>
                            {node.missingCapabilities.map((c) => (
                              <li key={c.name} title={c.reason ?? undefined}>
                                {c.name}: install <code>{c.package}</code>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">nothing</span>
                        )}
                      </td>
                      <td>
                        {node.capabilitiesReportedAt ? (
                          <time dateTime={node.capabilitiesReportedAt}>
                            {new Date(node.capabilitiesReportedAt).toLocaleString()}
                          </time>
                        ) : (
                          <span className="muted">never</span>
                        )}
                      </td>
                      <td>
                        <MailCertificateCell certificate={node.mailCertificate} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}

type MailCertificate = NonNullable<
  NonNullable<InfrastructureQuery['regions'][number]['clusters'][number]['nodes'][number]>['mailCertificate']
>;

/** Expiry of a mail node's host certificate and, when its last order failed, why. */
function MailCertificateCell({ certificate }: { certificate: MailCertificate | null }) {
  if (!certificate) return <span className="muted">—</span>;
  return (
    <>
      {certificate.notAfter ? (
        <>
          {certificate.hostname}, expires{' '}
          <time dateTime={certificate.notAfter}>{new Date(certificate.notAfter).toLocaleDateString()}</time>
        </>
      ) : (
        <span className="muted">{certificate.hostname}: not issued yet</span>
      )}
      {certificate.lastError ? (
        <p className="field-error" aria-label={`Mail certificate error on ${certificate.hostname}`}>
          Last order failed ({certificate.renewFailures} in a row): {certificate.lastError}
        </p>
      ) : null}
    </>
  );
}

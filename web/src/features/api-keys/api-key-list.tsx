'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Pager, useCursorPages } from '@/components/pager';
import { QueryState } from '@/components/query-state';
import { useMayCall } from '@/features/session/require-session';
import { ListApiKeysDocument, RevokeApiKeyDocument, type ApiKeyFieldsFragment } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { TableHead } from '@/components/table-head';

const PAGE_SIZE = 25;

export function ApiKeyList() {
  const mayCall = useMayCall();
  const pages = useCursorPages();
  const { data, loading, error } = useQuery(ListApiKeysDocument, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const [revoking, setRevoking] = useState<ApiKeyFieldsFragment | null>(null);
  const canCreate = mayCall('createApiKey');
  const canRevoke = mayCall('revokeApiKey');
  const keys = data?.apiKeys;
  return (
    <section aria-labelledby="keys-title">
      <header className="page-header">
        <h1 id="keys-title">API keys</h1>
        {canCreate ? (
          <Link href="/admin/api-keys/new" className="button primary">
            New API key
          </Link>
        ) : null}
      </header>
      <QueryState loading={loading} error={error} hasData={Boolean(keys)} what="key list" />
      {keys ? (
        <>
          <table className="table" aria-labelledby="keys-title">
            <TableHead columns={['Name', 'Prefix', 'Scopes', 'Brands', 'Tenant', 'Last used', 'State']} />
            <tbody>
              {keys.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.name}</td>
                  <td>
                    <code>{node.prefix}</code>
                  </td>
                  <td>{node.scopes.join(', ')}</td>
                  <td>{node.brandIds.join(', ')}</td>
                  <td>{node.tenantId ? <code title={node.tenantId}>bound</code> : '—'}</td>
                  <td>{formatDateTime(node.lastUsedAt)}</td>
                  <td>
                    {node.revokedAt ? (
                      <span className="badge badge-deleted">REVOKED</span>
                    ) : canRevoke ? (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => setRevoking(node)}
                        aria-label={`Revoke ${node.name}`}
                      >
                        Revoke
                      </button>
                    ) : (
                      <span className="badge badge-active">ACTIVE</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="API key list" pages={pages} pageSize={PAGE_SIZE} connection={keys} />
        </>
      ) : null}
      <RevokeDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </section>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: ApiKeyFieldsFragment | null; onClose(): void }) {
  const [revoke, { loading }] = useMutation(RevokeApiKeyDocument);
  const [problem, setProblem] = useState<string | null>(null);
  async function confirm() {
    if (!apiKey) return;
    try {
      const { data } = await revoke({ variables: { input: { id: apiKey.id } } });
      const refused = data?.revokeApiKey.userErrors.map((e) => e.message).join(' ');
      if (refused) return setProblem(refused);
      onClose();
    } catch (e) {
      setProblem(errorMessage(e as Error));
    }
  }
  return (
    <ConfirmDialog
      open={Boolean(apiKey)}
      title={`Revoke ${apiKey?.name ?? 'key'}?`}
      confirmLabel="Revoke key"
      danger
      busy={loading}
      onConfirm={() => void confirm()}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
    >
      <p>Everything using this key stops working at once. This cannot be undone.</p>
      {problem ? <p className="field-error">{problem}</p> : null}
    </ConfirmDialog>
  );
}

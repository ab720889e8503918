'use client';
// The tenant's outbound rules (its egress allowlist): each destination with a live badge, Retry on
// FAILED ones and Delete behind a confirmation where the rule's viewerCan allows it; with
// egress_rules:write the tab also adds rules.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteEgressRuleDocument,
  RetryEgressRuleDocument,
  TenantEgressRulesDocument,
  type EgressRuleRowFragment,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { EgressRuleForm } from './egress-rule-form';

/** `203.0.113.0/24 TCP 443`, `2001:db8::/32 any protocol 8000–8100`: a rule's row name. */
function destinationOf(rule: EgressRuleRowFragment): string {
  const protocol = rule.protocol === 'ANY' ? (rule.portFrom === null ? 'any protocol' : 'TCP/UDP') : rule.protocol;
  const ports =
    rule.portFrom === null
      ? ''
      : rule.portFrom === rule.portTo
        ? ` ${rule.portFrom}`
        : ` ${rule.portFrom}–${rule.portTo}`;
  return `${rule.cidr} ${protocol}${ports}`;
}

export function TenantEgressRules({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(TenantEgressRulesDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryEgressRuleDocument);
  const [remove] = useMutation(DeleteEgressRuleDocument);
  useRefetchOn((e) => e.resourceType === 'EgressRule' && e.tenantId === tenantId && changesMembership(e), refetch);
  const rules = data?.tenant.egressRules.edges
    .map(({ node }) => ({ ...node, name: destinationOf(node), viewerCan: { ...node.viewerCan, update: false } }))
    .filter((rule) => rule.status !== 'DELETED');
  if (!rules) return <QueryState loading={loading} error={error} hasData={false} what="outbound rules" />;
  return (
    <div>
      {mayCall('createEgressRule') ? (
        <div className="toolbar">
          <FormDialog label="New rule" title="New outbound rule" primary>
            {(close) => <EgressRuleForm tenantId={tenantId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {rules.length ? (
        <>
          <p className="muted">Outbound connections are limited to these destinations.</p>
          <ResourceTable
            label="Outbound rules"
            rows={rules}
            columns={[
              { header: 'Description', cell: (rule) => rule.description ?? '' },
              { header: 'Created', cell: (rule) => formatDateTime(rule.createdAt) },
            ]}
            onRetry={(rule) => void retry({ variables: { input: { id: rule.id } } })}
            retrying={retrying.loading}
            actions={(rule) =>
              rule.status === 'DELETING' || !rule.viewerCan.delete ? null : (
                <ConfirmButton
                  label="Delete"
                  name={`Delete rule ${rule.name}`}
                  title={`Delete the outbound rule ${rule.name}?`}
                  confirmLabel="Delete rule"
                  run={async () => {
                    const { data: result } = await remove({ variables: { input: { id: rule.id } } });
                    return result?.deleteEgressRule.userErrors ?? [];
                  }}
                >
                  <p>
                    The tenant’s processes can no longer open connections to {rule.name} on any node. Removing the last
                    rule lets them connect anywhere again.
                  </p>
                </ConfirmButton>
              )
            }
          />
        </>
      ) : (
        <p className="muted">No outbound rules: the tenant may connect anywhere outside the platform.</p>
      )}
    </div>
  );
}

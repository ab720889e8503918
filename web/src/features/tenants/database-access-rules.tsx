'use client';
// A database's access rules (address or network, note, live badge); Retry on FAILED ones and
// Delete behind a confirmation, each where the rule's viewerCan allows it.
import { useMutation } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { ResourceList } from '@/components/resource-list';
import {
  DeleteDatabaseAccessRuleDocument,
  RetryDatabaseAccessRuleDocument,
  type DatabaseRowFragment,
} from '@/generated/graphql';

export function DatabaseAccessRules({ database }: { database: DatabaseRowFragment }) {
  const [retry, retrying] = useMutation(RetryDatabaseAccessRuleDocument);
  const [remove] = useMutation(DeleteDatabaseAccessRuleDocument);
  return (
    <ResourceList
      label={`Access rules of ${database.name}`}
      rows={database.accessRules}
      empty="Internal network only."
      detail={(rule) => rule.description}
      onRetry={(rule) => void retry({ variables: { input: { id: rule.id } } })}
      retrying={retrying.loading}
      actions={(rule) =>
        rule.status === 'DELETING' || !rule.viewerCan.delete ? null : (
          <ConfirmButton
            label="Delete"
            name={`Delete access rule ${rule.name}`}
            title={`Delete the access rule ${rule.name}?`}
            confirmLabel="Delete rule"
            run={async () => {
              const { data } = await remove({ variables: { input: { id: rule.id } } });
              return data?.deleteDatabaseAccessRule.userErrors ?? [];
            }}
          >
            <p>Logins from {rule.name} to the database are refused on every node. Its users stay.</p>
          </ConfirmButton>
        )
      }
    />
  );
}

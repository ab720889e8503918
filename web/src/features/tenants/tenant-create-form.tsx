'use client';
// Create a tenant: brand, optional web shard, optional label. userErrors appear next to their
// fields and nothing is created; on success `onCreated` gets the new tenant (already in the
// cache, PENDING, with its first events).
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FormErrorList, FormField, SubmitRow, TextField } from '@/components/form-field';
import { QueryState } from '@/components/query-state';
import { CreateTenantDocument, TenantFormOptionsDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['brandId', 'shardId', 'displayName'] as const;

export function TenantCreateForm({ onCreated }: { onCreated: (id: string) => void }) {
  const options = useQuery(TenantFormOptionsDocument);
  const [create, { loading }] = useMutation(CreateTenantDocument);
  // One key per form: a double submit (or a retry after a lost answer) creates one tenant.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: {
        input: {
          brandId: text('brandId'),
          shardId: text('shardId') || null,
          displayName: text('displayName') || null,
          idempotencyKey,
        },
      },
    });
    if (data?.createTenant.tenant) onCreated(data.createTenant.tenant.id);
    return data?.createTenant.userErrors ?? [];
  });

  const brands = options.data?.brands.edges.map((edge) => edge.node) ?? [];
  const shards = options.data?.shards ?? [];
  return (
    <form onSubmit={onSubmit} className="form" aria-labelledby="new-tenant-title" noValidate>
      <h1 id="new-tenant-title">New tenant</h1>
      <QueryState loading={options.loading} error={options.error} hasData={Boolean(options.data)} what="form" />
      <FormErrorList errors={errors.form} />
      <FormField label="Brand" error={errors.byField.brandId}>
        {(props) => (
          <select name="brandId" required {...props} defaultValue="">
            <option value="" disabled>
              Choose a brand
            </option>
            {brands.map((brand) => (
              <option key={brand.id} value={brand.id}>
                {brand.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Web shard"
        error={errors.byField.shardId}
        hint="Leave on automatic to use the least-loaded web shard."
      >
        {(props) => (
          <select name="shardId" {...props} defaultValue="">
            <option value="">Automatic</option>
            {shards.map((shard) => (
              <option key={shard.id} value={shard.id}>
                {shard.cluster.name} / {shard.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <TextField
        name="displayName"
        label="Label"
        error={errors.byField.displayName}
        hint="Free text shown in panels, at most 100 characters."
      />
      <SubmitRow label="Create tenant" busy={loading} />
    </form>
  );
}

'use client';
// Create an API key. The secret is in the mutation's answer only: it is shown here once, with
// a copy button, and never again (the API stores only its hash).
import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { CreateApiKeyDocument } from '@/generated/graphql';
import { listOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'scopes', 'brandIds', 'tenantId'] as const;

export function ApiKeyForm() {
  const [create, { loading }] = useMutation(CreateApiKeyDocument, { refetchQueries: ['ListApiKeys'] });
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: {
        input: {
          name: text('name'),
          scopes: listOf(text('scopes')),
          brandIds: listOf(text('brandIds')),
          tenantId: text('tenantId') || null,
        },
      },
    });
    if (data?.createApiKey.secret) setSecret(data.createApiKey.secret);
    return data?.createApiKey.userErrors ?? [];
  });

  if (secret) {
    return (
      <section className="card" aria-labelledby="secret-title">
        <h1 id="secret-title">API key created</h1>
        <p>
          <strong>Copy the key now: it is shown only this once.</strong> Hostplane keeps only its hash.
        </p>
        <label htmlFor="new-secret">Your new API key</label>
        <input id="new-secret" className="secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
            }}
          >
            Copy key
          </button>
          {copied ? <span role="status">Copied.</span> : null}
          <Link href="/admin/api-keys" className="button primary">
            Done
          </Link>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} className="form" aria-labelledby="new-key-title" noValidate>
      <h1 id="new-key-title">New API key</h1>
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Name" error={errors.byField.name} />
      <TextField
        name="scopes"
        label="Scopes"
        error={errors.byField.scopes}
        hint="e.g. tenants:read, tenants:write — or * for everything."
      />
      <TextField
        name="brandIds"
        label="Brands"
        error={errors.byField.brandIds}
        hint="Brand ids separated by commas, or * for every brand."
      />
      <TextField
        name="tenantId"
        label="Tenant"
        error={errors.byField.tenantId}
        hint="Optional: bind the key to one tenant (its panel login)."
      />
      <SubmitRow label="Create key" busy={loading} />
    </form>
  );
}

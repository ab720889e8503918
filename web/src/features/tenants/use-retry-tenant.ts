'use client';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { RetryTenantDocument } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';

/** retryTenant, with its refusal (userError or error) as a sentence. */
export function useRetryTenant(id: string) {
  const [retry, { loading }] = useMutation(RetryTenantDocument);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      const { data } = await retry({ variables: { input: { id } } });
      const refused = data?.retryTenant.userErrors.map((e) => e.message).join(' ');
      if (refused) setError(refused);
    } catch (e) {
      setError(errorMessage(e as Error));
    }
  }
  return { run, busy: loading, error };
}

'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { FormErrorList, ListField, SubmitRow, TextField } from '@/components/form-field';
import { SavedNote } from '@/components/saved-note';
import { QueryState } from '@/components/query-state';
import { useViewer } from '@/features/session/require-session';
import { GetPlatformConfigDocument, UpdatePlatformConfigDocument } from '@/generated/graphql';
import { listOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['baseDomain', 'hostmasterEmail', 'nameservers'] as const;

/** Platform-wide settings; only platform administrators may change them. */
export function PlatformSettings() {
  const { isPlatformAdmin } = useViewer();
  const { data, loading, error } = useQuery(GetPlatformConfigDocument);
  const [update, updating] = useMutation(UpdatePlatformConfigDocument);
  const [saved, setSaved] = useState(false);
  const config = data?.platformConfig;
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    setSaved(false);
    const { data: result } = await update({
      variables: {
        input: {
          baseDomain: text('baseDomain'),
          hostmasterEmail: text('hostmasterEmail'),
          nameservers: listOf(text('nameservers')),
        },
      },
    });
    const userErrors = result?.updatePlatformConfig.userErrors ?? [];
    setSaved(userErrors.length === 0);
    return userErrors;
  });

  return (
    <section aria-labelledby="platform-title">
      <header className="page-header">
        <h1 id="platform-title">Platform</h1>
      </header>
      <QueryState loading={loading} error={error} hasData={Boolean(config)} what="settings" />
      {config ? (
        <form onSubmit={onSubmit} className="form" aria-label="Platform settings" noValidate>
          <FormErrorList errors={errors.form} />
          <fieldset disabled={!isPlatformAdmin}>
            <TextField
              name="baseDomain"
              label="Base domain"
              error={errors.byField.baseDomain}
              defaultValue={config.baseDomain}
            />
            <TextField
              name="hostmasterEmail"
              label="Hostmaster e-mail"
              error={errors.byField.hostmasterEmail}
              type="email"
              defaultValue={config.hostmasterEmail}
            />
            <ListField
              name="nameservers"
              label="Name servers"
              error={errors.byField.nameservers}
              hint="At least two, separated by commas or new lines."
              defaultValue={config.nameservers}
            />
            <SubmitRow label="Save settings" busy={updating.loading}>
              <SavedNote show={saved} />
            </SubmitRow>
          </fieldset>
        </form>
      ) : null}
    </section>
  );
}

'use client';
// A webroot's environment variables and secrets. Secrets are write-only: the list shows their
// name, fingerprint and when they changed, never a value, and the form's secret field is a
// password field. Each change is one rollout of the webroot (its app or pool restarts).
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { CheckboxField, FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { QueryState } from '@/components/query-state';
import { DeleteWebrootEnvVarDocument, GetWebrootEnvDocument, SetWebrootEnvDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['variables', 'secrets'] as const;

export function WebrootEnvironment({
  webrootId,
  canChange,
  onClose,
}: {
  webrootId: string;
  canChange: boolean;
  onClose: () => void;
}) {
  const { data, loading, error } = useQuery(GetWebrootEnvDocument, { variables: { id: webrootId } });
  const [set, setting] = useMutation(SetWebrootEnvDocument);
  const [remove] = useMutation(DeleteWebrootEnvVarDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    // Values are taken untrimmed: a secret's spaces are its own.
    const entry = { name: text('name'), value: String(form.get('value') ?? '') };
    const secret = form.get('secret') === 'on';
    const { data: result } = await set({
      variables: { input: { webrootId, ...(secret ? { secrets: [entry] } : { variables: [entry] }) } },
    });
    return result?.setWebrootEnv.userErrors ?? [];
  });
  const env = data?.webroot.env;
  if (!env) return <QueryState loading={loading} error={error} hasData={false} what="environment" />;
  return (
    <div>
      {env.length ? (
        <ul className="plain-list compact" aria-label="Environment">
          {env.map((v) => (
            <li key={v.name}>
              <code>{v.name}</code>{' '}
              {v.secret ? (
                <span className="muted">
                  secret · fingerprint <code>{v.fingerprint}</code> · set {new Date(v.updatedAt).toLocaleString()}
                </span>
              ) : (
                <code>{v.value}</code>
              )}{' '}
              {canChange ? (
                <ConfirmButton
                  label="Remove"
                  name={`Remove ${v.name}`}
                  title={`Remove ${v.name}?`}
                  confirmLabel="Remove variable"
                  run={async () => {
                    const { data: result } = await remove({ variables: { input: { webrootId, name: v.name } } });
                    return result?.deleteWebrootEnvVar.userErrors ?? [];
                  }}
                >
                  <p>The app (or PHP pool) is restarted without it.</p>
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No variables.</p>
      )}
      {canChange ? (
        <form onSubmit={onSubmit} className="form" noValidate>
          <FormErrorList errors={[...errors.form, ...Object.values(errors.byField)]} />
          <TextField
            name="name"
            label="Name"
            placeholder="API_TOKEN"
            hint="Letters, digits and _; PATH, PORT, HOME and the like are the platform’s."
          />
          <TextField
            name="value"
            label="Value"
            type="password"
            hint="Shown for plain variables; a secret’s value is never shown again."
          />
          <CheckboxField name="secret" label="Secret (stored encrypted, write-only)" defaultChecked />
          <SubmitRow label="Set variable" busy={setting.loading} onCancel={onClose} />
        </form>
      ) : null}
    </div>
  );
}

'use client';
// A new webroot (site) of the tenant: runtime, version (a choice among those every node of the
// tenant's shard reports), for app runtimes the start command, the document root and the service
// host name toggle. userErrors appear next to their fields and
// nothing is created; on success the row is in the Webroots table at once, PENDING.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { WebRuntime } from '@hostplane/schema-types';
import { CheckboxField, FormErrorList, FormField, SelectField, SubmitRow, TextField } from '@/components/form-field';
import { CreateWebrootDocument, WebrootRuntimeChoicesDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { linesOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['runtime', 'runtimeVersion', 'appCommand', 'documentRoot', 'serviceHostnameEnabled'] as const;
const RUNTIMES: readonly { value: WebRuntime; label: string }[] = [
  { value: 'PHP', label: 'PHP' },
  { value: 'NODE', label: 'Node.js' },
  { value: 'PYTHON', label: 'Python' },
  { value: 'RUBY', label: 'Ruby' },
  { value: 'STATIC', label: 'Static files' },
];
/** Runtimes that run a long-lived app process behind nginx (they take a start command). */
const APP_RUNTIMES: readonly WebRuntime[] = ['NODE', 'PYTHON', 'RUBY'];

export function WebrootCreateForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [runtime, setRuntime] = useState<WebRuntime>('PHP');
  const [create, { loading }] = useMutation(CreateWebrootDocument);
  const choices = useQuery(WebrootRuntimeChoicesDocument, { variables: { tenantId } });
  const offer = choices.data?.tenant.webRuntimes.find((r) => r.runtime === runtime);
  const versions = (offer?.versions ?? []).map((v) => ({
    value: v,
    label: v === offer?.defaultVersion ? `${v} (default)` : v,
  }));
  const isApp = APP_RUNTIMES.includes(runtime);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const command = isApp ? linesOf(text('appCommand')) : [];
    const { data } = await create({
      variables: {
        input: {
          tenantId,
          runtime,
          runtimeVersion: runtime === 'STATIC' ? null : text('runtimeVersion') || null,
          appCommand: command.length ? command : null,
          documentRoot: text('documentRoot') || null,
          serviceHostnameEnabled: text('serviceHostnameEnabled') === 'on',
        },
      },
      update: (cache, { data: result }) => {
        const webroot = result?.createWebroot.webroot;
        if (webroot)
          appendToList(cache, { __typename: 'Tenant', id: tenantId }, 'webroots', {
            __typename: 'Webroot',
            id: webroot.id,
          });
      },
    });
    if (data?.createWebroot.webroot) onDone();
    return data?.createWebroot.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <SelectField
        name="runtime"
        label="Runtime"
        options={RUNTIMES}
        defaultValue={runtime}
        onChange={(value) => setRuntime(value as WebRuntime)}
        error={errors.byField.runtime}
      />
      {runtime !== 'STATIC' ? (
        <SelectField
          key={runtime}
          name="runtimeVersion"
          label="Runtime version"
          options={versions}
          defaultValue={offer?.defaultVersion ?? undefined}
          error={errors.byField.runtimeVersion}
          hint={
            choices.loading
              ? 'Loading the versions the nodes offer…'
              : versions.length
                ? 'The versions every server of this tenant’s shard has.'
                : 'No server of this tenant’s shard has this runtime: pick another one.'
          }
        />
      ) : null}
      {isApp ? (
        <FormField
          label="Start command"
          error={errors.byField.appCommand}
          hint="One argument per line, run in the webroot folder without a shell; {socket} (and $PORT) is the Unix socket the app listens on. Leave empty for the runtime's default."
        >
          {(props) => <textarea name="appCommand" rows={3} spellCheck={false} {...props} />}
        </FormField>
      ) : null}
      <TextField
        name="documentRoot"
        label="Document root"
        error={errors.byField.documentRoot}
        hint="Folder served, relative to the webroot folder; leave empty for public."
      />
      <CheckboxField
        name="serviceHostnameEnabled"
        label="Serve the service host name"
        defaultChecked
        error={errors.byField.serviceHostnameEnabled}
        hint="The webroot's own name under the brand's base host name, for trying the site out."
      />
      <SubmitRow label="Create webroot" busy={loading} onCancel={onDone} />
    </form>
  );
}

import { useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form control with its error (a userError for this field) beside it: the control
 * gets aria-invalid and aria-describedby, so the error is read with the field.
 */
export function FormField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactElement;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Errors of a submitted form that belong to no single field. */
export function FormErrorList({ errors }: { errors: readonly string[] }) {
  if (!errors.length) return null;
  return (
    <div role="alert" className="form-errors">
      {errors.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

/** A labelled single-line input named `name` (read with FormData on submit). */
export function TextField({
  name,
  label,
  error,
  hint,
  type = 'text',
  defaultValue,
  placeholder,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password';
  defaultValue?: string | undefined;
  placeholder?: string;
}) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(props) => (
        <input
          name={name}
          type={type}
          autoComplete="off"
          spellCheck={false}
          defaultValue={defaultValue}
          placeholder={placeholder}
          {...props}
        />
      )}
    </FormField>
  );
}

/** The submit button of a form (disabled while its mutation runs), and anything beside it. */
export function SubmitRow({ label, busy, children }: { label: string; busy: boolean; children?: ReactNode }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      {children}
    </div>
  );
}

/** A labelled list of values, one per line (or comma-separated), named `name`. */
export function ListField({
  name,
  label,
  error,
  hint,
  defaultValue,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  defaultValue?: readonly string[] | undefined;
}) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(props) => (
        <textarea name={name} rows={3} spellCheck={false} defaultValue={defaultValue?.join('\n')} {...props} />
      )}
    </FormField>
  );
}

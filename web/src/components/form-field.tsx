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
  type?: 'text' | 'email' | 'password' | 'number';
  defaultValue?: string | undefined;
  placeholder?: string;
}) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(props) => (
        <input
          name={name}
          type={type}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          spellCheck={false}
          defaultValue={defaultValue}
          placeholder={placeholder}
          {...props}
        />
      )}
    </FormField>
  );
}

/**
 * The submit button of a form (disabled while its mutation runs), a Cancel button beside it when
 * `onCancel` is given (forms in a dialog), and anything else beside them.
 */
export function SubmitRow({
  label,
  busy,
  onCancel,
  children,
}: {
  label: string;
  busy: boolean;
  onCancel?: (() => void) | undefined;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      {onCancel ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
      {children}
    </div>
  );
}

/**
 * The lines of a ListField taken as typed, blank ones dropped: an argument array (a command) keeps
 * its spaces and commas, one argument per line.
 */
export function listLines(form: FormData, name: string): string[] {
  return String(form.get(name) ?? '')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line !== '');
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

/** A labelled select named `name`; `onChange` gets the chosen value (forms that show fields by choice). */
export function SelectField({
  name,
  label,
  options,
  error,
  hint,
  defaultValue,
  onChange,
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: ReactNode;
  defaultValue?: string | undefined;
  onChange?: ((value: string) => void) | undefined;
}) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(props) => (
        <select
          name={name}
          defaultValue={defaultValue}
          onChange={onChange ? (event) => onChange(event.target.value) : undefined}
          {...props}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** A labelled checkbox named `name` (FormData has "on" when it is checked), its error beside it. */
export function CheckboxField({
  name,
  label,
  error,
  hint,
  defaultChecked,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  defaultChecked?: boolean;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy}
        />{' '}
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// One labelled control with its optional hint and error, wired for assistive tech: the control gets the id the
// label points at, and aria-describedby / aria-invalid so the error is read with the field.
import type { ComponentChildren } from 'preact';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Checkboxes read best with the box before its label. */
  inline?: boolean;
  /** Renders the control with the props that link it to this label, hint and error. */
  children: (control: ControlProps) => ComponentChildren;
}

export function Field({ id, label, hint, error, inline = false, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control = children({
    id,
    'aria-describedby': describedBy,
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
  });
  const labelElement = <label for={id}>{label}</label>;
  return (
    <div class={`field${inline ? ' field-inline' : ''}${error ? ' field-invalid' : ''}`}>
      {inline ? control : labelElement}
      {inline ? labelElement : control}
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

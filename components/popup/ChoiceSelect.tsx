// A settings select whose options come from the connected systems. Until they load it is disabled but still
// shows the saved value, and a saved value the organisation no longer has stays visible (and flagged).
import { Field } from './Field.tsx';

export interface ChoiceOption {
  value: string;
  label: string;
}

interface ChoiceSelectProps {
  id: string;
  label: string;
  value: string;
  /** Undefined while the choices are not (or cannot be) loaded. */
  options: ChoiceOption[] | undefined;
  error?: string;
  hint?: string;
  onChange: (value: string) => void;
}

export function ChoiceSelect({ id, label, value, options, error, hint, onChange }: ChoiceSelectProps) {
  const known = options?.some((option) => option.value === value) ?? false;
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(control) => (
        <select
          {...control}
          value={value}
          disabled={!options}
          onChange={(event) => onChange(event.currentTarget.value)}
        >
          {!value && <option value="">{options ? 'Choose…' : 'Not loaded yet'}</option>}
          {value && !known && <option value={value}>{options ? `${value} (not in Xero any more)` : value}</option>}
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

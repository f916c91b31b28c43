import { useId } from 'preact/hooks';

/** A labelled select over the keys of `options`, whose labels are the values; typed to those keys. */
export function SelectField<K extends string>(
  props: Readonly<{
    label: string;
    options: Readonly<Record<K, string>>;
    value: K;
    onChange: (value: K) => void;
  }>,
) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isKey(props.options, value)) props.onChange(value);
        }}
      >
        {Object.entries<string>(props.options).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Narrows a string to a key of `table`. */
export function isKey<K extends string>(table: Readonly<Record<K, string>>, value: string): value is K {
  return Object.hasOwn(table, value);
}

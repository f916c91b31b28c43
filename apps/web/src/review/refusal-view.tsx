import type { Refusal } from './refusal.ts';

/** A refusal from the server, announced when it appears; the server's own words are kept below. */
export function RefusalView(props: Readonly<{ refusal: Refusal | undefined }>) {
  const r = props.refusal;
  if (r === undefined) return null;
  return (
    <div class="refusal" role="alert">
      <p class="error">{r.title}</p>
      {r.explanation && <p>{r.explanation}</p>}
      <p class="muted">
        <span class="visually-hidden">Server said: </span>
        {r.serverMessage}
      </p>
    </div>
  );
}

import type { ComponentChildren } from 'preact';

/** A wide table that scrolls sideways on a phone; the labelled region lets screen readers name it. */
export function TableScroll(props: Readonly<{ label: string; children: ComponentChildren }>) {
  return (
    <section class="tp-table-scroll" aria-label={props.label}>
      {props.children}
    </section>
  );
}

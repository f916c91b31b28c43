import type { ComponentChildren } from 'preact';

/** A wide table that scrolls sideways on a phone instead of crushing its columns; the label names the region. */
export function TableScroll(props: Readonly<{ label: string; children: ComponentChildren }>) {
  return (
    <section class="table-scroll" aria-label={props.label}>
      {props.children}
    </section>
  );
}

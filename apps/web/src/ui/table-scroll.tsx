import type { ComponentChildren } from 'preact';

/**
 * A wide table that scrolls sideways on a phone instead of crushing its columns. The region is labelled and
 * focusable, so keyboard users can scroll it with the arrow keys and screen readers can name it.
 */
export function TableScroll(props: Readonly<{ label: string; children: ComponentChildren }>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard (WCAG 2.1.1).
    <section class="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}

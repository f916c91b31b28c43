import type { ComponentChildren } from 'preact';
import { useApp } from '../app-context.ts';

type LinkProps = Readonly<{
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string;
}>;

/** An ordinary link (middle-click and copy work) that navigates in place on a plain click. */
export function Link(props: LinkProps) {
  const { router } = useApp();
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props['aria-current']}
      aria-label={props['aria-label']}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        router.navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

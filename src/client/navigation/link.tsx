// A link to a screen of the app: a real <a href> (new tab, keyboard, screen readers), moved
// within the page without a reload.
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from 'react';
import { navigate, pathOf, type Route } from './router.ts';

interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: Route;
  children: ReactNode;
}

export function Link({ to, children, onClick, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={pathOf(to)} onClick={follow} {...rest}>
      {children}
    </a>
  );
}

import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Input } from 'antd';
import { useLocation } from 'react-router-dom';
import { m } from '../i18n';

interface Props {
  /** The list's search as the URL holds it (q). */
  q: string | undefined;
  /** The box's label and placeholder. */
  label: string;
  style?: CSSProperties;
  /** A new search: the trimmed words, or undefined for none. */
  onSearch: (q: string | undefined) => void;
  /** 查询 with the words already searched: reload the list (it may have changed since). */
  onRefresh?: () => void;
}

/** Nothing asked by the box awaits the URL. */
const NONE = Symbol('none');

/** The search (q) of the address as it is now: the router updates it before it renders it. */
const addressQ = (): string | undefined => new URLSearchParams(window.location.search).get('q') ?? undefined;

/**
 * The search box of a list whose words live in the URL (q). The box keeps what the user types: it
 * follows the URL only when the URL changes by itself (a link, the menu, back, forward), never when the
 * URL catches up with a search the box asked for.
 *
 * - Remounting the box on every change of q lost what was typed meanwhile: the router renders the new URL
 *   in a transition that typing delays, so the box was replaced between the words and Enter, and the search
 *   never reached the URL.
 * - The router may render several addresses in one go (a search and then the menu, before the list has
 *   followed the search): the rendered q then never equals the search asked for. So every rendered
 *   address is checked (its key), and a search asked for that is no longer the address's is dropped.
 */
export function ListSearch({ q, label, style, onSearch, onRefresh }: Props) {
  const [text, setText] = useState(q ?? '');
  const asked = useRef<string | undefined | typeof NONE>(NONE);
  /** The q the box last showed from the URL (or reached by its own search). */
  const followed = useRef(q);
  const { key } = useLocation();

  useEffect(() => {
    const pending = asked.current;
    if (pending !== NONE) {
      // Still on its way: the address has the search, the render has not caught up yet.
      if (pending !== q && pending === addressQ()) return;
      asked.current = NONE;
    } else if (followed.current === q) {
      return;
    }
    // The box shows what it asked for already; anything else comes from the URL.
    if (pending !== q) setText(q ?? '');
    followed.current = q;
  }, [q, key]);

  const search = (value: string) => {
    const next = value.trim() || undefined;
    if (next === q && asked.current === NONE) {
      onRefresh?.();
      return;
    }
    asked.current = next;
    onSearch(next);
  };

  return (
    <Input.Search
      value={text}
      onChange={(e) => setText(e.target.value)}
      aria-label={label}
      placeholder={label}
      allowClear
      enterButton={m.common.search}
      style={style}
      onSearch={search}
    />
  );
}

/** Splits a list into pages of a fixed size so that no page grows with the archive. */

export interface Page<T> {
  /** 1-based. */
  number: number;
  total: number;
  items: T[];
}

export function paginate<T>(items: readonly T[], size: number): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => ({
    number: i + 1,
    total,
    items: items.slice(i * size, (i + 1) * size),
  }));
}

/** The route parameter for a page: undefined for page 1 (the bare URL), else its number. */
export function pageParam(number: number): string | undefined {
  return number === 1 ? undefined : String(number);
}

/** A filter that gets its own pages: `all`, or a kind (component, severity, year) and its value. */
export interface PageFilter {
  kind: string;
  value: string;
  label: string;
}

/** The rest-route slug of a filtered page: undefined, "2", "component/api", "component/api/2". */
export function filteredSlug(filter: Pick<PageFilter, 'kind' | 'value'>, page: number): string | undefined {
  const parts = [
    filter.kind === 'all' ? '' : `${filter.kind}/${filter.value}`,
    page === 1 ? '' : String(page),
  ];
  return parts.filter(Boolean).join('/') || undefined;
}

/** The aria-describedby for a field that has a hint and maybe an error. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : undefined, hint ? `${id}-hint` : undefined].filter((x) => x !== undefined);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

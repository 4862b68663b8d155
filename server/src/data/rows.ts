/** Small helpers shared by the knex repositories: the two dialects return booleans and counts differently. */
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
export const int = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
export const nullable = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

/** The id of an inserted row, from either dialect's `returning`. */
export function insertedId(rows: unknown[]): number {
  const first = rows[0] as number | { id: number } | undefined;
  if (first === undefined) throw new Error('insert returned no id');
  return typeof first === 'number' ? first : int(first.id);
}

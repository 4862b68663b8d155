/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the school's way of writing dates. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

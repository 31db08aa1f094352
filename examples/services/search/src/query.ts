export function normalise(query: string): string {
  return query.trim().toLowerCase();
}

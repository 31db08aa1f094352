export interface Posting {
  readonly account: string;
  readonly amountCents: number;
}

export function balanced(postings: readonly Posting[]): boolean {
  return postings.reduce((sum, p) => sum + p.amountCents, 0) === 0;
}

export function charge(amountCents: number): { readonly ok: boolean } {
  return { ok: amountCents > 0 };
}

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
}

export function total(lines: readonly CartLine[], price: (sku: string) => number): number {
  return lines.reduce((sum, line) => sum + price(line.sku) * line.quantity, 0);
}
